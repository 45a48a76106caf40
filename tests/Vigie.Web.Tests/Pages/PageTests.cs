using System.Net;
using System.Net.Http.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Pages;

/// <summary>Pages over HTTP (no browser): sign-in, French by default, English on request, forms, assets, headers.</summary>
public sealed class PageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Fact]
    public async Task Pages_RequireSignIn_AndSpeakFrenchByDefault_EnglishOnRequest()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        using var session = new PageSession(server.Address);
        var home = await session.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var login = await session.GetAsync("/login");
        Assert.Contains("<html lang=\"fr\">", login, StringComparison.Ordinal);
        Assert.Contains("Se connecter", login, StringComparison.Ordinal);

        var english = await session.Http.GetAsync("/culture/en?returnUrl=/login");
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var loginEn = await session.GetAsync("/login");
        Assert.Contains("<html lang=\"en\">", loginEn, StringComparison.Ordinal);
        Assert.Contains("Sign in", loginEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsAnError_AndWithTheRightOne_Redirects()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("alice", UserRole.Membre);
        using var session = new PageSession(server.Address);
        var wrong = await session.LoginAsync("alice", "not the password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await session.LoginAsync("alice");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = right.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("vigie.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Incidents", await session.GetAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRejected()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("alice", UserRole.Membre);
        using var session = new PageSession(server.Address);
        var response = await session.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Form.Name"] = "alice", ["Form.Password"] = "correct horse battery staple",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task JournalForm_WhenTextTooLong_KeepsTheTypedTextAndWritesNothing(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var incident = (await server.Service<Vigie.CommandPost.Incidents.IncidentService>().CreateAsync(
            new Vigie.CommandPost.Incidents.NewIncident("Rançongiciel", Vigie.CommandPost.Incidents.IncidentKind.Cyber), "directrice")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");

        var text = "Texte trop long " + new string('x', 20_000);
        var failed = await session.SubmitAsync($"/incidents/{incident.Id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = text, ["Entry.OccurredAt"] = "" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var html = await failed.Content.ReadAsStringAsync();
        Assert.Contains("Trop long\u202F: 20\u202F016 caractères, 20\u202F000 au plus.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(incident.Id))!.Entries);

        var ok = await session.SubmitAsync($"/incidents/{incident.Id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "decision", ["Entry.Text"] = "Fermeture des urgences 24 h", ["Entry.OccurredAt"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.EndsWith($"/incidents/{incident.Id}/journal?added=2", ok.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await session.GetAsync($"/incidents/{incident.Id}/journal?added=2");
        Assert.Contains("Fermeture des urgences 24 h", page, StringComparison.Ordinal);
        Assert.Contains("data-draft-clear", page, StringComparison.Ordinal);

        // The next entry is refused, on the page that still says ?added=2: the error shows, the old success does not.
        var refused = await session.SubmitAsync($"/incidents/{incident.Id}/journal?added=2", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = text, ["Entry.OccurredAt"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Trop long\u202F: 20\u202F016 caractères, 20\u202F000 au plus.", WebUtility.HtmlDecode(refusedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("Entrée n°2 enregistrée", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-draft-clear", refusedHtml, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Directory_EntryCanBeCorrected_OnThePageAndThroughTheApi(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("secretaire", UserRole.Membre);
        var directory = server.Service<Vigie.CommandPost.CrisisCell.CrisisDirectoryService>();
        var entry = (await directory.SaveAsync(null, new Vigie.CommandPost.CrisisCell.DirectoryEntryInput("Dr Martin", "Médecin d'astreinte", null, "03 20 00 00 01", null, null, null), "secretaire")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("secretaire");

        var form = await session.GetAsync($"/directory?modifier={entry.Id}");
        Assert.Contains("Modifier un contact", form, StringComparison.Ordinal);
        Assert.Contains("value=\"03 20 00 00 01\"", form, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["Entry.Id"] = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Entry.Name"] = "Dr Martin", ["Entry.Function"] = "Médecin d'astreinte",
            ["Entry.Phone"] = "06 12 34 56 78", ["Entry.Organisation"] = "", ["Entry.PhoneAlt"] = "", ["Entry.OnCall"] = "nuit du 11 au 12", ["Entry.Notes"] = "",
        };
        var saved = await session.SubmitAsync($"/directory?modifier={entry.Id}", "directory-add", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var entries = await directory.ListAsync();
        var corrected = Assert.Single(entries);
        Assert.Equal(("06 12 34 56 78", "nuit du 11 au 12"), (corrected.Phone, corrected.OnCall));

        // A bad correction keeps the entry as it was.
        var bad = await session.SubmitAsync($"/directory?modifier={entry.Id}", "directory-add", new Dictionary<string, string>(fields) { ["Entry.Phone"] = "" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("06 12 34 56 78", Assert.Single(await directory.ListAsync()).Phone);

        var api = await server.ApiClientAsync(UserRole.Membre, "api-membre");
        var put = await api.PutAsJsonAsync($"/api/v1/directory/{entry.Id}", new { name = "Dr Martin", function = "Médecin d'astreinte", phone = "06 99 99 99 99" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("06 99 99 99 99", Assert.Single(await directory.ListAsync()).Phone);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync("/api/v1/directory/999", new { name = "X", function = "Y", phone = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsJsonAsync($"/api/v1/directory/{entry.Id}", new { name = "X", function = "Y", phone = "" })).StatusCode);
    }

    [Fact]
    public async Task UnknownIncidentOrPage_Is404WithAPage_NeverA500()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("alice", UserRole.Membre);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("alice");
        foreach (var path in new[] { "/incidents/999/journal", "/incidents/999", "/incidents/999/journal/print", "/no/such/page" })
        {
            var response = await session.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("<html lang=\"fr\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Observer_SeesNoWriteForms_AndCannotPostThem()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("ars", UserRole.Observateur);
        var incident = (await server.Service<Vigie.CommandPost.Incidents.IncidentService>().CreateAsync(
            new Vigie.CommandPost.Incidents.NewIncident("Rançongiciel", Vigie.CommandPost.Incidents.IncidentKind.Cyber), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("ars");
        var page = await session.GetAsync($"/incidents/{incident.Id}/journal");
        Assert.Contains("Rançongiciel", page, StringComparison.Ordinal);
        Assert.DoesNotContain("journal-entry", page, StringComparison.Ordinal);
        var forged = await session.SubmitAsync($"/incidents/{incident.Id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "x" });
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(incident.Id))!.Entries);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Assets_AreServedByTheServer_AndPagesReferenceNothingExternal()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var client = server.Client();
        foreach (var asset in new[] { "/assets/css/site.css", "/assets/css/print.css", "/assets/js/live.js", "/assets/lib/signalr/signalr.min.js" })
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentLength > 100, asset);
        }

        var login = await client.GetAsync("/login");
        var html = await login.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_LinkCreatesTheFirstAdministrator_Once()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var token = await server.Service<AccountService>().CreateSetupTokenAsync();
        using var session = new PageSession(server.Address);
        Assert.Contains("Premier administrateur", await session.GetAsync($"/setup?token={token}"), StringComparison.Ordinal);
        var created = await session.SubmitAsync($"/setup?token={token}", "setup", new Dictionary<string, string>
        {
            ["Form.Token"] = token!, ["Form.Name"] = "admin", ["Form.DisplayName"] = "Admin", ["Form.Password"] = "correct horse battery staple",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Comptes", await session.GetAsync("/"), StringComparison.Ordinal);
        using var other = new PageSession(server.Address);
        Assert.Contains("plus valable", await other.GetAsync($"/setup?token={token}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_IsThrottledPerAddress()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        using var session = new PageSession(server.Address);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await session.LoginAsync("nobody", "wrong password")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }
}
