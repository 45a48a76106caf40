using System.Net;
using System.Net.Http.Headers;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// Issue 13, item 16 from the command line: vigie admin disables, enables, changes roles, unlocks, names tokens with
/// an expiry, lists and revokes them, on the database of a running server, which obeys on the next request.
/// </summary>
public sealed class AdminCommandTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Admin_OnARunningServersDatabase_TakesEffectOnTheNextRequest(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var db = server.Database.SqliteFile ?? server.Database.ConnectionString;
        var folder = Path.GetTempPath();
        await server.CreateUserAsync("root", UserRole.Admin);
        await server.CreateUserAsync("alice", UserRole.Membre);

        var created = await VigieCli.RunAsync(folder, null, "admin", "create-token", "--user", "alice", "--name", "collecte hunt", "--expires-in-days", "7", "--database", db);
        Assert.Equal(0, created.ExitCode);
        var api = server.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Output.Trim());
        using var page = new PageSession(server.Address);
        await page.LoginAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/")).StatusCode);

        var listed = await VigieCli.RunAsync(folder, null, "admin", "list-tokens", "--user", "alice", "--database", db);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("collecte hunt", listed.Output, StringComparison.Ordinal);
        Assert.Contains("active", listed.Output, StringComparison.Ordinal);
        var token = Assert.Single(await server.Service<AccountService>().ListTokensAsync("alice"));
        Assert.Equal(TimeSpan.FromDays(7), token.ExpiresAt - token.CreatedAt);
        Assert.Equal(1, (await VigieCli.RunAsync(folder, null, "admin", "create-token", "--user", "alice", "--expires-in-days", "400", "--database", db)).ExitCode);

        var disabled = await VigieCli.RunAsync(folder, null, "admin", "disable", "--name", "alice", "--database", db);
        Assert.Equal((0, "alice is disabled\n"), (disabled.ExitCode, disabled.Output));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.GetAsync("/")).StatusCode);
        Assert.Contains("disabled", (await VigieCli.RunAsync(folder, null, "admin", "list-users", "--database", db)).Output, StringComparison.Ordinal);

        Assert.Equal(0, (await VigieCli.RunAsync(folder, null, "admin", "enable", "--name", "alice", "--database", db)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        var role = await VigieCli.RunAsync(folder, null, "admin", "set-role", "--name", "alice", "--role", "observateur", "--database", db);
        Assert.Equal((0, "alice is now observateur\n"), (role.ExitCode, role.Output));
        Assert.Equal(1, (await VigieCli.RunAsync(folder, null, "admin", "set-role", "--name", "root", "--role", "membre", "--database", db)).ExitCode); // the last admin
        Assert.Equal(1, (await VigieCli.RunAsync(folder, null, "admin", "disable", "--name", "root", "--database", db)).ExitCode);

        var revoked = await VigieCli.RunAsync(folder, null, "admin", "revoke-token", "--id", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--database", db);
        Assert.Equal((0, "revoked 1 token of alice\n"), (revoked.ExitCode, revoked.Output));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/incidents")).StatusCode);
        Assert.Contains("revoked", (await VigieCli.RunAsync(folder, null, "admin", "list-tokens", "--database", db)).Output, StringComparison.Ordinal);

        var accounts = server.Service<AccountService>();
        for (var i = 0; i < 5; i++)
        {
            await accounts.LoginAsync("alice", "wrong " + i, "10.0.0.66");
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await accounts.LoginAsync("alice", "correct horse battery staple", "10.0.0.66")).Outcome);
        Assert.Contains("held-back", (await VigieCli.RunAsync(folder, null, "admin", "list-users", "--database", db)).Output, StringComparison.Ordinal);
        var unlocked = await VigieCli.RunAsync(folder, null, "admin", "unlock", "--name", "alice", "--database", db);
        Assert.Equal((0, "alice can sign in again\n"), (unlocked.ExitCode, unlocked.Output));
        Assert.Equal(LoginOutcome.Success, (await accounts.LoginAsync("alice", "correct horse battery staple", "10.0.0.66")).Outcome);
        Assert.Equal(1, (await VigieCli.RunAsync(folder, null, "admin", "unlock", "--name", "nobody", "--database", db)).ExitCode);
    }
}
