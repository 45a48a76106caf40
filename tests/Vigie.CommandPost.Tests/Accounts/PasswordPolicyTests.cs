using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Accounts;

/// <summary>Passwords (issue 13, item 11): length, and the obviously weak refused, with no composition rule.</summary>
public sealed class PasswordPolicyTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("            ")]
    [InlineData("abcdefghijkl")]
    [InlineData("123456789012")]
    [InlineData("987654321098")]
    [InlineData("azertyuiopqs")]
    [InlineData("qwertyuiop12")]
    [InlineData("abcabcabcabc")]
    [InlineData("ab12ab12ab12")]
    [InlineData("aaaaaaaaaaab")]
    [InlineData("Motdepasse2024!")]
    [InlineData("P@ssw0rd12345")]
    [InlineData("motdepassemotdepasse")]
    [InlineData("Hopital2024!!")]
    [InlineData("jetaimejetaime")]
    [InlineData("Vigie-Vigie-2026")]
    [InlineData("Soleil123456789")]
    [InlineData("ILoveYou2024!")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("Bienvenue@2025")]
    public void CreateUser_RefusesAnObviouslyWeakPassword(string password)
    {
        var problem = AccountService.ValidatePassword(password, "kim");
        Assert.NotNull(problem);
        Assert.Equal("password", problem.Field);
    }

    [Theory]
    [InlineData("alice", null, "alice-was-here-2026")]
    [InlineData("jdupont", "Jean Dupont", "Dupont de Lille 1970")]
    [InlineData("jdupont", null, "JDUPONT et les autres")]
    public void CreateUser_RefusesAPasswordMadeOfTheUsersName(string name, string? displayName, string password)
    {
        var problem = AccountService.ValidatePassword(password, name, displayName);
        Assert.Equal("password", problem?.Field);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("a brand new passphrase")]
    [InlineData("Ciel de traîne sur Lomme")]
    [InlineData("urgences fermées jusqu'à mardi")]
    [InlineData("x7#Kp2!vR9qL")]
    [InlineData("le chat de Ginette dort")]
    public void CreateUser_AcceptsAnOrdinaryPassphrase(string password) =>
        Assert.Null(AccountService.ValidatePassword(password, "alice", "Alice Martin"));

    [Fact]
    public void GeneratedPasswords_AreAlwaysAccepted()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var password = PasswordPolicy.Generate("bob", "Bob");
            Assert.Null(AccountService.ValidatePassword(password, "bob", "Bob"));
        }
    }

    [Fact]
    public void CommonList_IsShippedAndLargeEnoughToMatter()
    {
        Assert.True(PasswordPolicy.CommonCount > 1_500, $"{PasswordPolicy.CommonCount} entries");
        Assert.Equal(PasswordWeakness.Common, PasswordPolicy.Check("Marseille13013", null, null));
        Assert.Equal(PasswordWeakness.TooShort, PasswordPolicy.Check("x7#Kp2!vR9q", null, null));
        Assert.Equal(PasswordWeakness.TooLong, PasswordPolicy.Check(new string('x', 150) + "correct horse battery staple" + new string('y', 30), null, null));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EveryWayToSetAPassword_RefusesTwelveSpaces(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        Assert.Equal("password", (await s.Accounts.CreateUserAsync("alice", null, UserRole.Membre, "            ", "test")).Problem?.Field);
        Assert.True((await s.Accounts.CreateUserAsync("alice", null, UserRole.Membre, "correct horse battery staple", "test")).IsOk);
        Assert.Equal("password", (await s.Accounts.SetPasswordAsync("alice", "aaaaaaaaaaaa", "test")).Problem?.Field);
        Assert.Equal("password", (await s.Accounts.SetPasswordAsync("alice", "alice alice alice", "test")).Problem?.Field);
        var token = await s.Accounts.CreateSetupTokenAsync();
        Assert.Null(token); // accounts exist: setup is closed, and it shares the same check anyway
        Assert.Equal(ProblemKind.Invalid, (await s.Accounts.SetPasswordAsync("alice", "Motdepasse2024!", "test")).Problem?.Kind);
    }
}
