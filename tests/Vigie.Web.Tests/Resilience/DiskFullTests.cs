using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Resilience;

/// <summary>
/// A full disk under a running command post (issue 13, item 13), on a small tmpfs: a write says that the disk is full
/// (API, and the page in French and English), reading goes on, people can still sign in, and writes work again once
/// space is freed. Skipped with a message where mounting a tmpfs is not allowed.
/// </summary>
public sealed class DiskFullTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static readonly string s_big = new('x', 19_000);

    [Theory, MemberData(nameof(Kinds))]
    public async Task WhenTheDiskIsFull_WritesSaySo_ReadingAndSigningInGoOn_AndWritesComeBackWhenSpaceIsFreed(DatabaseKind kind)
    {
        await using var disk = await Mounts.SmallDiskAsync(kind == DatabaseKind.Sqlite ? 16 : 160);
        await using var postgres = kind == DatabaseKind.PostgreSql ? await PrivatePostgres.StartAsync(disk.Path) : null;
        var database = postgres is null ? TestDatabase.SqliteIn(disk.Path) : await TestDatabase.CreateAsync(kind, postgres.ConnectionString);
        await using var server = await TestServer.StartAsync(database);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var created = await director.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await director.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "avant" })).StatusCode);
        await server.CreateUserAsync("marie", UserRole.Membre);

        var filler = Mounts.Fill(disk.Path);

        // Write until the database itself runs out of room (what it had set aside is used first).
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 2_000 && refused is null; i++)
        {
            var r = await director.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "note", text = s_big });
            if (r.StatusCode != HttpStatusCode.Created)
            {
                refused = r;
            }
        }

        Assert.NotNull(refused);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("disk", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("full", detail, StringComparison.OrdinalIgnoreCase);

        // Reading goes on.
        var journal = await director.GetAsync($"/api/v1/incidents/{id}/journal");
        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        Assert.Contains("avant", await journal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signing in goes on (its bookkeeping is not recorded), and so do the pages.
        using var browser = new PageSession(server.Address);
        var login = await browser.LoginAsync("marie");
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"{(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("/login", login.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var page = await browser.Http.GetAsync($"/incidents/{id}/journal");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // A page write says so, in French by default and in English when asked.
        var french = await browser.SubmitAsync($"/incidents/{id}/journal", "journal-entry", new Dictionary<string, string> { ["Entry.Kind"] = "note", ["Entry.Text"] = s_big });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, french.StatusCode);
        Assert.Contains("Le disque est plein", await french.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await browser.Http.GetAsync("/culture/en?returnUrl=/");
        var english = await browser.SubmitAsync($"/incidents/{id}/journal", "journal-entry", new Dictionary<string, string> { ["Entry.Kind"] = "note", ["Entry.Text"] = s_big });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, english.StatusCode);
        Assert.Contains("The disk is full", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Space freed: writes work again, nothing restarted.
        File.Delete(filler);
        HttpStatusCode after = 0;
        for (var i = 0; i < 50 && after != HttpStatusCode.Created; i++)
        {
            after = (await director.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "après" })).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, after);
        Assert.True(JsonDocument.Parse(await director.GetStringAsync($"/api/v1/incidents/{id}/journal/verify")).RootElement.GetProperty("valid").GetBoolean());
    }
}
