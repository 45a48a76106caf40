using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Accounts;

/// <summary>
/// Sign-in under attack (issue 13, item 8): every failure gives the same answer after the same work, and the
/// back-off slows a guesser without letting a stranger lock somebody else out.
/// </summary>
public sealed class SignInTests
{
    private const string Password = "correct horse battery staple";

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_AStrangerFailingFromAnotherAddress_CannotLockTheDirectorOut(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, time);
        await s.Accounts.CreateUserAsync("directrice", null, UserRole.Directeur, Password, "test");
        for (var burst = 0; burst < 3; burst++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            for (var i = 0; i < 10; i++)
            {
                Assert.NotEqual(LoginOutcome.Success, (await s.Accounts.LoginAsync("directrice", $"guess {burst} {i}", "10.0.0.66")).Outcome);
            }
        }

        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("Directrice", Password, "10.0.0.5")).Outcome);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_EveryKindOfFailure_GivesTheSameAnswer_AfterOneKeyDerivation(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await s.Accounts.CreateUserAsync(name, null, UserRole.Membre, Password, "test");
        }

        await using (var connection = await s.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET disabled = 1 WHERE name = 'bob'");
        }

        for (var i = 0; i < 5; i++)
        {
            await s.Accounts.LoginAsync("carol", "wrong " + i, "10.0.0.66");
        }

        (string Case, string Name, string Password)[] failures =
        [
            ("unknown account", "nobody", Password),
            ("disabled account, right password", "bob", Password),
            ("wrong password", "alice", "not the password"),
            ("account held back from this address, right password", "carol", Password),
        ];
        foreach (var (label, name, password) in failures)
        {
            var before = s.Accounts.KeyDerivations;
            var result = await s.Accounts.LoginAsync(name, password, "10.0.0.66");
            Assert.True(result.Outcome == LoginOutcome.InvalidCredentials, $"{label}: {result.Outcome}");
            Assert.Null(result.User);
            Assert.True(s.Accounts.KeyDerivations - before == 1, $"{label}: {s.Accounts.KeyDerivations - before} key derivations instead of 1");
        }

        var ok = s.Accounts.KeyDerivations;
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.5")).Outcome);
        Assert.Equal(1, s.Accounts.KeyDerivations - ok);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_RepeatedFailuresFromOneAddress_BackOffThere_AndAnAdministratorCanUnlock(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, time);
        await s.Accounts.CreateUserAsync("carol", null, UserRole.Membre, Password, "test");
        for (var i = 0; i < 5; i++)
        {
            await s.Accounts.LoginAsync("carol", "wrong " + i, "10.0.0.66");
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("carol", Password, "10.0.0.66")).Outcome);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("carol", "wrong again", "10.0.0.66")).Outcome);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("carol", Password, "10.0.0.66")).Outcome); // 2 minutes now
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("carol", Password, "10.0.0.66")).Outcome);

        for (var i = 0; i < 5; i++)
        {
            await s.Accounts.LoginAsync("carol", "wrong " + i, "10.0.0.66");
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("carol", Password, "10.0.0.66")).Outcome);
        Assert.True((await s.Accounts.UnlockAsync("carol", "admin")).IsOk);
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("carol", Password, "10.0.0.66")).Outcome);
        var audit = await s.Audit.RecentAsync();
        Assert.Contains(audit, a => a.Action == "user.unlock" && a.Actor == "admin" && a.Target == "user:carol");
        Assert.Contains(audit, a => a.Action == "login.throttled" && a.Address == "10.0.0.66");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_FailuresSpreadOverManyAddresses_HoldTheAccountBackOnlyWhereItNeverSignedIn(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, time);
        await s.Accounts.CreateUserAsync("alice", null, UserRole.Membre, Password, "test");
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.5")).Outcome);
        for (var i = 1; i <= 25; i++)
        {
            await s.Accounts.LoginAsync("alice", "guess " + i, $"10.9.0.{i}");
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.77")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.5")).Outcome);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_OneAddressSprayingManyNames_IsHeldBack_OtherAddressesAreNot(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, time);
        await s.Accounts.CreateUserAsync("alice", null, UserRole.Membre, Password, "test");
        for (var i = 0; i < 30; i++)
        {
            await s.Accounts.LoginAsync("user" + i, "Hopital2024!!", "10.0.0.66");
        }

        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.66")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await s.Accounts.LoginAsync("alice", Password, "10.0.0.5")).Outcome);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Login_WithAHugeName_AuditsItBounded(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var huge = new string('x', 100_000);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await s.Accounts.LoginAsync(huge, Password, "10.0.0.66")).Outcome);
        var entry = Assert.Single(await s.Audit.RecentAsync(), a => a.Action == "login.failed");
        Assert.Equal(101, entry.Actor.Length);
        Assert.Equal("unknown account", entry.Detail);
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData(null, "")]
    [InlineData("not an address", "")]
    public void AddressKey_GroupsAnIPv6NetworkAndUnwrapsIPv4(string? address, string expected) =>
        Assert.Equal(expected, AddressKey.Of(address));
}
