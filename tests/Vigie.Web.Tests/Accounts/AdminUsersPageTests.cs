using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Accounts;

/// <summary>
/// Issue 16: administrators create, disable and enable, change the role of, give a new password to and unlock accounts,
/// and create and revoke API tokens, from /admin/users, in French and English; every action is audited.
/// </summary>
public sealed partial class AdminUsersPageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Administrator_ManagesAnAccountFromTheWeb_AndEveryActionIsAudited(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("chef", UserRole.Admin);
        using var admin = new PageSession(server.Address);
        await admin.LoginAsync("chef");

        // Create: the password is shown once, and works.
        var created = await admin.SubmitAsync("/admin/users", "user-new", new Dictionary<string, string>
        {
            ["NewUser.Name"] = "bruno", ["NewUser.DisplayName"] = "Bruno Lefebvre", ["NewUser.Role"] = "membre",
        });
        var createdHtml = await created.Content.ReadAsStringAsync();
        Assert.Contains("Affiché une seule fois", createdHtml, StringComparison.Ordinal);
        var password = Secret(createdHtml);
        using var bruno = new PageSession(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.LoginAsync("bruno", password)).StatusCode);
        Assert.Contains("id=\"account-bruno\"", await admin.GetAsync("/admin/users"), StringComparison.Ordinal);

        // A token made on the account's page, named, for 7 days; shown once; works.
        var page = "/admin/users/bruno";
        var tokenPage = await (await admin.SubmitAsync(page, "token-new", new Dictionary<string, string>
        {
            ["NewToken.User"] = "chef", ["NewToken.Name"] = "collecte hunt", ["NewToken.ExpiresInDays"] = "7",
        })).Content.ReadAsStringAsync();
        var token = Secret(tokenPage);
        Assert.StartsWith(TokenHasher.ApiTokenPrefix, token, StringComparison.Ordinal);
        var info = Assert.Single(await server.Service<AccountService>().ListTokensAsync("bruno")); // made for bruno, whatever was posted
        Assert.Equal(("collecte hunt", TimeSpan.FromDays(7)), (info.Name, info.ExpiresAt - info.CreatedAt));
        var api = server.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);

        // Role: applies at once, the session closes, the page says so.
        var role = await admin.SubmitAsync(page, "user-role", new Dictionary<string, string> { ["RoleChange.Role"] = "observateur" });
        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        Assert.Contains("Rôle changé&#x202F;: observateur.", await admin.GetAsync(role.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(UserRole.Observateur, (await server.Service<AccountService>().FindAsync("bruno"))!.Role);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.Http.GetAsync("/")).StatusCode);

        // Disable, then enable.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "user-state", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Contains("désactivé", await admin.GetAsync(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "user-state", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);

        // Held back by a stranger's failures, then unlocked.
        var accounts = server.Service<AccountService>();
        for (var i = 0; i < 5; i++)
        {
            await accounts.LoginAsync("bruno", "wrong " + i, "10.0.0.66");
        }

        Assert.Contains("essais de connexion retardés", await admin.GetAsync(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "user-unlock", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(LoginOutcome.Success, (await accounts.LoginAsync("bruno", password, "10.0.0.66")).Outcome);

        // A new password: shown once, the old one stops, sessions close.
        await bruno.LoginAsync("bruno", password);
        var reset = await (await admin.SubmitAsync(page, "user-reset", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        var fresh = Secret(reset);
        Assert.NotEqual(password, fresh);
        Assert.Equal(HttpStatusCode.Redirect, (await bruno.Http.GetAsync("/")).StatusCode);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await accounts.LoginAsync("bruno", password, "10.0.0.5")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await accounts.LoginAsync("bruno", fresh, "10.0.0.5")).Outcome);

        // Revoke the token with its card's button.
        var revoke = await admin.SubmitAsync(page, null, new Dictionary<string, string> { ["back"] = page }, $"/admin/tokens/{info.Id}/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal($"{page}?revoque={info.Id}", revoke.Headers.Location!.OriginalString);
        Assert.Contains("révoqué", await admin.GetAsync(revoke.Headers.Location.OriginalString), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/incidents")).StatusCode);

        var audit = await server.Service<AuditLog>().RecentAsync();
        foreach (var action in new[] { "user.create", "token.create", "user.role", "user.disable", "user.enable", "user.unlock", "user.password", "token.revoke" })
        {
            Assert.True(audit.Any(a => a.Action == action && a.Actor == "chef" && a.Target == "user:bruno"), $"{action} not audited");
        }
    }

    [Fact]
    public async Task TheLastAdministrator_IsRefusedInTheReadersLanguage_AndUnknownAccountsAre404()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("chef", UserRole.Admin);
        using var admin = new PageSession(server.Address);
        await admin.LoginAsync("chef");
        var refused = await admin.SubmitAsync("/admin/users/chef", "user-state", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("dernier administrateur actif", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await server.Service<AccountService>().FindAsync("chef"))!.Disabled);
        var badDays = await admin.SubmitAsync("/admin/users", "token-new", new Dictionary<string, string>
        {
            ["NewToken.User"] = "chef", ["NewToken.Name"] = "x", ["NewToken.ExpiresInDays"] = "400",
        });
        Assert.Contains("Un jeton dure d’un jour à un an", await badDays.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Service<AccountService>().ListTokensAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/admin/users/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync("/admin/users?revoque=x")).StatusCode);

        await admin.Http.GetAsync("/culture/en?returnUrl=/admin/users");
        var english = await admin.GetAsync("/admin/users/chef");
        Assert.Contains("Disable the account", english, StringComparison.Ordinal);
        Assert.Contains("Give a new password", english, StringComparison.Ordinal);
        var englishRefusal = await admin.SubmitAsync("/admin/users/chef", "user-role", new Dictionary<string, string> { ["RoleChange.Role"] = "membre" });
        Assert.Contains("This is the last administrator", await englishRefusal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdministrators_ReachTheAccountPagesAndTheRevokeButton()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        await server.CreateUserAsync("chef", UserRole.Admin);
        await server.CreateTokenAsync("chef");
        var tokenId = Assert.Single(await server.Service<AccountService>().ListTokensAsync()).Id;
        using var director = new PageSession(server.Address);
        await director.LoginAsync("directrice");
        Assert.NotEqual(HttpStatusCode.OK, (await director.Http.GetAsync("/admin/users/chef")).StatusCode);
        var forged = await director.SubmitAsync("/", null, new Dictionary<string, string> { ["back"] = "/admin/users" }, $"/admin/tokens/{tokenId}/revoke");
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Null(Assert.Single(await server.Service<AccountService>().ListTokensAsync()).RevokedAt);
    }

    private static string Secret(string html)
    {
        var match = SecretValue().Match(html);
        Assert.True(match.Success, "no secret shown on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<code class=\"secret\" id=\"secret-value\">([^<]+)</code>")]
    private static partial Regex SecretValue();
}
