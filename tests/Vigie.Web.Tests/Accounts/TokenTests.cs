using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Accounts;

/// <summary>
/// Issue 13, item 16: tokens have a name and an expiry; a revoked or expired token, a disabled account and a new role
/// take effect on the very next request.
/// </summary>
public sealed class TokenTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task ARevokedToken_IsRefusedOnTheNextRequest(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("alice", UserRole.Membre);
        var accounts = server.Service<AccountService>();
        var (one, two) = (Client(server, await server.CreateTokenAsync("alice")), Client(server, await server.CreateTokenAsync("alice")));
        var three = Client(server, await server.CreateTokenAsync("alice"));
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await three.GetAsync("/api/v1/incidents")).StatusCode);

        Assert.True((await accounts.RevokeTokenAsync(one.DefaultRequestHeaders.Authorization!.Parameter!, "admin")).IsOk);
        Assert.Equal(HttpStatusCode.Unauthorized, (await one.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/api/v1/incidents")).StatusCode);

        var listed = await accounts.ListTokensAsync("alice");
        Assert.Equal(3, listed.Count);
        Assert.True((await accounts.RevokeTokenAsync(listed.First(t => t.RevokedAt is null).Id, "admin")).IsOk);
        Assert.Equal(1, (await accounts.RevokeTokensAsync("alice", "admin")).Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await two.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await three.GetAsync("/api/v1/incidents")).StatusCode);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task DisablingAnAccount_StopsItsTokensAndSessionsAtOnce_EnablingGivesTheTokensBack(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("alice", UserRole.Membre);
        var accounts = server.Service<AccountService>();
        var api = Client(server, await server.CreateTokenAsync("alice"));
        using var page = new PageSession(server.Address);
        await page.LoginAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/")).StatusCode);

        Assert.True((await accounts.SetDisabledAsync("alice", true, "admin")).Value.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.LoginAsync("alice")).StatusCode); // the sign-in page again: refused

        Assert.False((await accounts.SetDisabledAsync("alice", false, "admin")).Value.Disabled);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.GetAsync("/")).StatusCode); // a closed session stays closed
        var audit = await server.Service<Vigie.CommandPost.Audit.AuditLog>().RecentAsync();
        Assert.Contains(audit, a => a.Action == "user.disable" && a.Target == "user:alice" && a.Detail == "1 session(s) closed");
        Assert.Contains(audit, a => a.Action == "user.enable" && a.Target == "user:alice");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ANewRole_ActsOnTheNextRequest_AndTheLastAdministratorStays(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("admin", UserRole.Admin);
        await server.CreateUserAsync("alice", UserRole.Membre);
        var accounts = server.Service<AccountService>();
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "admin")).Value;
        var api = Client(server, await server.CreateTokenAsync("alice"));
        var entry = new { kind = "fait", text = "Notes de rançon imprimées" };
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/journal", entry)).StatusCode);

        Assert.Equal(UserRole.Observateur, (await accounts.SetRoleAsync("alice", UserRole.Observateur, "admin")).Value.Role);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/journal", entry)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/incidents/{incident.Id}/journal")).StatusCode);

        Assert.Equal(ProblemKind.Conflict, (await accounts.SetRoleAsync("admin", UserRole.Directeur, "admin")).Problem?.Kind);
        Assert.Equal(ProblemKind.Conflict, (await accounts.SetDisabledAsync("admin", true, "admin")).Problem?.Kind);
        Assert.True((await accounts.SetRoleAsync("alice", UserRole.Admin, "admin")).IsOk);
        Assert.True((await accounts.SetDisabledAsync("admin", true, "alice")).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await accounts.SetRoleAsync("alice", UserRole.Membre, "alice")).Problem?.Kind);
        Assert.Equal(ProblemKind.NotFound, (await accounts.SetRoleAsync("nobody", UserRole.Membre, "alice")).Problem?.Kind);
    }

    [Fact]
    public async Task ATokenExpires_AfterTheLifetimeChosenAtCreation_ThirtyDaysByDefault()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, clock);
        await server.CreateUserAsync("alice", UserRole.Membre);
        var accounts = server.Service<AccountService>();
        var monthly = Client(server, await server.CreateTokenAsync("alice"));
        var daily = Client(server, (await accounts.CreateTokenAsync("alice", "collecte hunt", TimeSpan.FromDays(1), "admin")).Value);
        Assert.Equal("expiresInDays", (await accounts.CreateTokenAsync("alice", "x", TimeSpan.FromDays(400), "admin")).Problem?.Field);
        Assert.Equal("expiresInDays", (await accounts.CreateTokenAsync("alice", "x", TimeSpan.FromMinutes(5), "admin")).Problem?.Field);
        Assert.Equal("tokenName", (await accounts.CreateTokenAsync("alice", new string('x', 81), TimeSpan.FromDays(1), "admin")).Problem?.Field);
        Assert.Equal(HttpStatusCode.OK, (await daily.GetAsync("/api/v1/incidents")).StatusCode);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await daily.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monthly.GetAsync("/api/v1/incidents")).StatusCode);
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.Unauthorized, (await monthly.GetAsync("/api/v1/incidents")).StatusCode);

        var tokens = await accounts.ListTokensAsync("alice");
        var named = Assert.Single(tokens, t => t.Name == "collecte hunt");
        Assert.Equal(TimeSpan.FromDays(1), named.ExpiresAt - named.CreatedAt);
        Assert.False(named.IsActive(clock.GetUtcNow()));
        Assert.NotNull(named.LastUsedAt);
        Assert.All(tokens, t => Assert.True(t.ExpiresAt - t.CreatedAt <= AccountService.DefaultTokenLifetime));
    }

    private static HttpClient Client(TestServer server, string token)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
