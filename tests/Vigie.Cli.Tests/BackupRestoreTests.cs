using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// The laptop is the single point of failure of the crisis night: `serve --backup-to` makes verified copies (at start,
/// on a schedule, at each phase change) and keeps a rotation; the server is SIGKILLed, its database destroyed, and
/// `vigie restore` brings back every entry acknowledged before the last copy, chains intact. SQLite and PostgreSQL.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Password = "correct horse battery staple";

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static string[] DatabaseArgs(TestDatabase database, DatabaseKind kind) =>
        ["--database", kind == DatabaseKind.Sqlite ? database.Settings.SqliteFile! : database.Settings.ConnectionString];

    private static async Task<string> WaitForCopiesAsync(VigieServerProcess server, string reason, int count)
    {
        var marker = $"backup copy verified ({reason})";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var output = server.Output;
            if (CountOf(output, marker) >= count)
            {
                return output;
            }

            Assert.DoesNotContain("backup copy failed", output, StringComparison.Ordinal);
            await Task.Delay(50);
        }

        throw new TimeoutException($"no {count} '{marker}' in 60 s:\n{server.Output}");
    }

    private static int CountOf(string text, string marker)
    {
        var count = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Serve_KilledAndItsDatabaseDestroyed_RestoreBringsBackEveryEntryAcknowledgedBeforeTheLastCopy(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var folder = database.Folder;
        var usb = Path.Combine(folder, "usb");
        var db = DatabaseArgs(database, kind);
        Assert.Equal(0, (await VigieCli.RunAsync(folder, Password + "\n", ["admin", "create-user", "--name", "scribe", "--role", "directeur", .. db])).ExitCode);
        var token = (await VigieCli.RunAsync(folder, null, ["admin", "create-token", "--user", "scribe", .. db])).Output.Trim();
        var port = VigieServerProcess.FreePort();

        var beforeCopy = new ConcurrentBag<(long Seq, string Text)>();
        long incident;
        await using (var server = await VigieServerProcess.StartAsync(folder, port, [.. db, "--backup-to", usb, "--backup-every", "60", "--backup-keep", "2"]))
        {
            await WaitForCopiesAsync(server, "start", 1);
            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
            incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var text = $"écrivain {w} entrée {i}";
                    var r = await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "fait", text });
                    Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                    beforeCopy.Add((JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt64(), text));
                }
            })));

            // Two phase changes: two copies (each after its change), and the rotation keeps two files out of three.
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/phase", new { phase = "confinement" })).StatusCode);
            await WaitForCopiesAsync(server, "phase", 1);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/phase", new { phase = "crise" })).StatusCode);
            await WaitForCopiesAsync(server, "phase", 2);
            Assert.Equal(2, Directory.GetFiles(usb, "vigie-backup-*").Length);

            var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/backups")).RootElement;
            Assert.True(status.GetProperty("enabled").GetBoolean());
            Assert.Null(status.GetProperty("lastError").GetString());
            Assert.Equal(beforeCopy.Count + 3, status.GetProperty("lastGoodEntries").GetInt64()); // + declaration and two phase changes

            // The overview says when the last good copy was made.
            using var page = new PageSession(server.Address);
            await page.LoginAsync("scribe");
            var overview = await page.GetAsync("/");
            Assert.Contains("Dernière copie vérifiée", overview, StringComparison.Ordinal);

            // Written after the last copy: may be lost, as the copy's time says.
            for (var i = 0; i < 5; i++)
            {
                await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "note", text = $"après la copie {i}" });
            }

            await server.KillAsync();
        }

        // The main database is destroyed.
        string[] restoreTo;
        if (kind == DatabaseKind.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = database.Settings.SqliteFile!;
            var bytes = await File.ReadAllBytesAsync(file);
            Random.Shared.NextBytes(bytes.AsSpan(0, Math.Min(bytes.Length, 16_384)));
            await File.WriteAllBytesAsync(file, bytes);
            var damaged = await VigieCli.RunAsync(folder, null, ["journal", "verify", "--incident", "1", .. db]);
            Assert.NotEqual(0, damaged.ExitCode);
            Assert.Contains("vigie restore", damaged.Error, StringComparison.Ordinal);

            var refused = await VigieCli.RunAsync(folder, null, ["restore", usb, "--to", file]);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
            restoreTo = ["--to", file, "--force"];
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString);
            var name = builder.Database!;
            builder.Database = "postgres";
            NpgsqlConnection.ClearAllPools();
            await using (var admin = new NpgsqlConnection(builder.ToString()))
            {
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            restoreTo = ["--to", database.Settings.ConnectionString];
        }

        var restored = await VigieCli.RunAsync(folder, null, ["restore", usb, .. restoreTo]);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Contains("every chain intact", restored.Output, StringComparison.Ordinal);
        if (kind == DatabaseKind.PostgreSql)
        {
            var again = await VigieCli.RunAsync(folder, null, ["restore", usb, .. restoreTo]);
            Assert.NotEqual(0, again.ExitCode); // not empty any more
            Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        await using (var back = await VigieServerProcess.StartAsync(folder, port, db))
        {
            using var client = new HttpClient { BaseAddress = back.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var journal = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/journal")).RootElement.GetProperty("entries")
                .EnumerateArray().ToDictionary(e => e.GetProperty("seq").GetInt64(), e => e.GetProperty("text").GetString());
            foreach (var (seq, text) in beforeCopy)
            {
                Assert.True(journal.TryGetValue(seq, out var found) && found == text, $"entry {seq} '{text}' is not back");
            }

            Assert.Equal("crise", JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}")).RootElement.GetProperty("phase").GetString());
            Assert.True(JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/journal/verify")).RootElement.GetProperty("valid").GetBoolean());
        }
    }

    [Fact]
    public async Task Serve_WhenTheBackupFolderFails_KeepsServing_AndTheOverviewWarns()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var folder = database.Folder;
        var usb = Path.Combine(folder, "usb");
        Directory.CreateDirectory(usb);
        string[] db = ["--database", database.Settings.SqliteFile!];
        Assert.Equal(0, (await VigieCli.RunAsync(folder, Password + "\n", ["admin", "create-user", "--name", "scribe", "--role", "directeur", .. db])).ExitCode);
        var token = (await VigieCli.RunAsync(folder, null, ["admin", "create-token", "--user", "scribe", .. db])).Output.Trim();
        await using var server = await VigieServerProcess.StartAsync(folder, VigieServerProcess.FreePort(), [.. db, "--backup-to", usb]);
        await WaitForCopiesAsync(server, "start", 1);
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
        var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await using (var unplugged = await Mounts.ReadOnlyAsync(usb)) // the stick went read-only
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/phase", new { phase = "confinement" })).StatusCode);
            await server.WaitForOutputAsync("backup copy failed (phase)");
            Assert.Contains("backup copy failed (phase)", server.Output, StringComparison.Ordinal);

            var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/backups")).RootElement;
            Assert.NotNull(status.GetProperty("lastError").GetString());
            Assert.NotNull(status.GetProperty("lastGoodAt").GetString()); // the start copy is still the last good one
            using var page = new PageSession(server.Address);
            await page.LoginAsync("scribe");
            Assert.Contains("La dernière tentative de copie a échoué", await page.GetAsync("/"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "fait", text = "on continue" })).StatusCode);
        }
    }

    [Fact]
    public async Task Serve_WithBackupsOnPostgreSqlAndNoPgDump_RefusesToStartInOneLine()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.PostgreSql);
        var start = VigieCli.StartInfo(database.Folder, ["serve", "--urls", "http://127.0.0.1:0", "--database", database.Settings.ConnectionString, "--backup-to", Path.Combine(database.Folder, "usb")],
            new Dictionary<string, string> { ["PATH"] = "/nonexistent" });
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, process.ExitCode);
        var text = (await error).Trim();
        Assert.DoesNotContain('\n', text);
        Assert.Contains("pg_dump", text, StringComparison.Ordinal);
    }
}
