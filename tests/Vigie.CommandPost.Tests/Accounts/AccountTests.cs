using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Accounts;

public sealed class AccountTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Fact]
    public void PasswordHasher_VerifiesTheRightPasswordOnly_AndSaltsEachHash()
    {
        var a = PasswordHasher.Hash("correct horse battery staple", 1_000);
        var b = PasswordHasher.Hash("correct horse battery staple", 1_000);
        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", a));
        Assert.False(PasswordHasher.Verify("correct horse battery stapl", a));
        Assert.False(PasswordHasher.Verify("x", "garbage"));
        Assert.Equal(600_000, PasswordHasher.DefaultIterations);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_AfterFiveFailuresFromAnAddress_HoldsItBackUntilTheDelayPasses(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, time);
        await s.Accounts.CreateUserAsync("alice", "Alice", UserRole.Membre, "correct horse battery staple", "test");
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("ALICE", "correct horse battery staple", "127.0.0.1")).Outcome);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("alice", "wrong", "127.0.0.1")).Outcome);
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("alice", "correct horse battery staple", "127.0.0.1")).Outcome);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("alice", "correct horse battery staple", "127.0.0.1")).Outcome);

        var audit = await s.Audit.RecentAsync();
        Assert.Contains(audit, a => a.Action == "login.lockout" && a.Address == "127.0.0.1");
        Assert.Equal(2, audit.Count(a => a.Action == "login.success"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Tokens_AreStoredHashed_AndFindTheirUser(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        await s.Accounts.CreateUserAsync("bob", null, UserRole.Observateur, "correct horse battery staple", "test");
        var token = (await s.Accounts.CreateTokenAsync("bob", "test")).Value;
        Assert.StartsWith(TokenHasher.ApiTokenPrefix, token, StringComparison.Ordinal);
        Assert.Equal("bob", (await s.Accounts.FindByTokenAsync(token))!.Name);
        Assert.Null(await s.Accounts.FindByTokenAsync(token + "x"));
        await using var connection = await s.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash FROM api_tokens";
        Assert.Equal(TokenHasher.Hash(token), await command.ExecuteScalarAsync());
        Assert.Equal(ProblemKind.NotFound, (await s.Accounts.CreateTokenAsync("nobody", "test")).Problem!.Kind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Setup_TokenCreatesTheFirstAdministratorOnce(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var first = await s.Accounts.CreateSetupTokenAsync();
        var token = await s.Accounts.CreateSetupTokenAsync();
        Assert.False(await s.Accounts.IsSetupTokenValidAsync(first));
        Assert.True(await s.Accounts.IsSetupTokenValidAsync(token));
        var weak = await s.Accounts.CompleteSetupAsync(token!, "admin", null, "short", null);
        Assert.Equal("password", weak.Problem!.Field);
        var admin = await s.Accounts.CompleteSetupAsync(token!, "admin", "Admin", "correct horse battery staple", null);
        Assert.Equal(UserRole.Admin, admin.Value.Role);
        Assert.Equal(ProblemKind.Forbidden, (await s.Accounts.CompleteSetupAsync(token!, "admin2", null, "correct horse battery staple", null)).Problem!.Kind);
        Assert.Null(await s.Accounts.CreateSetupTokenAsync());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task CreateUser_RefusesDuplicatesAndBadNames(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        Assert.True((await s.Accounts.CreateUserAsync("carol", null, UserRole.Accueil, "correct horse battery staple", "test")).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await s.Accounts.CreateUserAsync("Carol", null, UserRole.Accueil, "correct horse battery staple", "test")).Problem!.Kind);
        Assert.Equal("name", (await s.Accounts.CreateUserAsync("carol smith", null, UserRole.Accueil, "correct horse battery staple", "test")).Problem!.Field);
    }

    [Fact]
    public void Permissions_ObserverOnlyReads_DirectorDirects_AdminAdministers()
    {
        Assert.True(Permissions.Allows(UserRole.Observateur, Permission.Read));
        Assert.False(Permissions.Allows(UserRole.Observateur, Permission.Write));
        Assert.False(Permissions.Allows(UserRole.Accueil, Permission.Write));
        Assert.True(Permissions.Allows(UserRole.Membre, Permission.Write));
        Assert.False(Permissions.Allows(UserRole.Membre, Permission.Direct));
        Assert.True(Permissions.Allows(UserRole.Directeur, Permission.Direct));
        Assert.False(Permissions.Allows(UserRole.Directeur, Permission.Administer));
        Assert.True(Permissions.Allows(UserRole.Admin, Permission.Administer));
    }
}
