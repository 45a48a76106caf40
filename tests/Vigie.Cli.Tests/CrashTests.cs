using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// The real `vigie serve` process is SIGKILLed while clients append; after a restart every entry acknowledged
/// with 201 is there, with its seq and text, and the chain verifies.
/// </summary>
public sealed class CrashTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Serve_KilledWhileClientsAppend_KeepsEveryAcknowledgedEntry(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var folder = database.Folder;
        string[] databaseArgs = kind == DatabaseKind.Sqlite ? ["--database", database.Settings.SqliteFile!] : ["--database", database.Settings.ConnectionString];
        var created = await VigieCli.RunAsync(folder, "correct horse battery staple\n", ["admin", "create-user", "--name", "scribe", "--role", "directeur", .. databaseArgs]);
        Assert.True(created.ExitCode == 0, created.Error);
        var token = (await VigieCli.RunAsync(folder, null, ["admin", "create-token", "--user", "scribe", .. databaseArgs])).Output.Trim();
        var port = VigieServerProcess.FreePort();

        var acknowledged = new ConcurrentBag<(long Seq, string Text)>();
        long incident;
        await using (var server = await VigieServerProcess.StartAsync(folder, port, databaseArgs))
        {
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Crash", kind = "cyber" });
            incident = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 5_000 && !stop.IsCancellationRequested; i++)
                {
                    var text = $"writer {w} entry {i}";
                    try
                    {
                        var r = await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "note", text });
                        if (r.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt64(), text));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await server.KillAsync(); // mid-load
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} entries acknowledged before the kill");
        SqliteConnection.ClearAllPools();
        await using (var restarted = await VigieServerProcess.StartAsync(folder, port, databaseArgs))
        {
            using var client = new HttpClient { BaseAddress = restarted.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var journal = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/journal")).RootElement.GetProperty("entries")
                .EnumerateArray().ToDictionary(e => e.GetProperty("seq").GetInt64(), e => e.GetProperty("text").GetString());
            foreach (var (seq, text) in acknowledged)
            {
                Assert.True(journal.TryGetValue(seq, out var stored), $"acknowledged entry {seq} is missing after the crash");
                Assert.Equal(text, stored);
            }

            Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Keys.Order());
            var verify = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/journal/verify")).RootElement;
            Assert.True(verify.GetProperty("valid").GetBoolean());
        }

        var cli = await VigieCli.RunAsync(folder, null, ["journal", "verify", "--incident", incident.ToString(System.Globalization.CultureInfo.InvariantCulture), .. databaseArgs]);
        Assert.Equal(0, cli.ExitCode);
    }
}
