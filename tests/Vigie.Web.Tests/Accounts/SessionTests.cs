using System.Net;
using Dapper;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Auth;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Accounts;

/// <summary>Server-side sessions (issue 13, item 4): logout, a new password, a new role and disabling end them at once.</summary>
public sealed class SessionTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Logout_EndsTheSession_ACopiedCookieNeitherReadsNorWrites(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("alice", UserRole.Membre);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("alice");
        var cookie = session.Cookies.GetCookies(server.Address)[VigieAuthSchemes.CookieName]!.Value;

        using var thief = new PageSession(server.Address);
        thief.Cookies.Add(server.Address, new Cookie(VigieAuthSchemes.CookieName, cookie));
        var before = await thief.Http.GetAsync($"/incidents/{incident.Id}/journal");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var thiefToken = PageSession.TokenFrom(await before.Content.ReadAsStringAsync());

        var logout = await session.SubmitAsync("/", null, new Dictionary<string, string>(), "/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new PageSession(server.Address);
        replay.Cookies.Add(server.Address, new Cookie(VigieAuthSchemes.CookieName, cookie));
        var read = await replay.Http.GetAsync($"/incidents/{incident.Id}/journal");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.StartsWith("/login", read.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // The thief kept a page (and its antiforgery token) from before the logout: the write is refused all the same.
        var write = await thief.PostFormAsync($"/incidents/{incident.Id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "écrit après la déconnexion", ["Entry.OccurredAt"] = "" }, thiefToken);
        Assert.NotEqual(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(incident.Id))!.Entries);
        Assert.Contains(await server.Service<Vigie.CommandPost.Audit.AuditLog>().RecentAsync(), a => a.Action == "logout" && a.Actor == "alice");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ANewPasswordANewRoleOrDisabling_EndTheAccountsSessionsAtOnce(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var accounts = server.Service<AccountService>();
        foreach (var name in new[] { "alice", "bob", "carol", "dora" })
        {
            await server.CreateUserAsync(name, UserRole.Membre);
        }

        var sessions = new Dictionary<string, PageSession>();
        foreach (var name in new[] { "alice", "bob", "carol", "dora" })
        {
            sessions[name] = new PageSession(server.Address);
            await sessions[name].LoginAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await sessions[name].Http.GetAsync("/")).StatusCode);
        }

        Assert.True((await accounts.SetPasswordAsync("alice", "a brand new passphrase", "admin")).IsOk);
        await using (var connection = await server.Service<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET role = 'observateur' WHERE name = 'bob'");
            await connection.ExecuteAsync("UPDATE users SET disabled = 1 WHERE name = 'carol'");
        }

        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            var closed = await sessions[name].Http.GetAsync("/");
            Assert.True(closed.StatusCode == HttpStatusCode.Redirect, $"{name}: {(int)closed.StatusCode}");
            Assert.StartsWith("/login", closed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await sessions["dora"].Http.GetAsync("/")).StatusCode); // another account's session goes on
        Assert.Equal(HttpStatusCode.Redirect, (await sessions["alice"].LoginAsync("alice", "a brand new passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sessions["alice"].Http.GetAsync("/")).StatusCode);
        foreach (var s in sessions.Values)
        {
            s.Dispose();
        }
    }
}
