using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Accounts;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Accounts;

/// <summary>Issue 13, item 11: a refused password is explained in the reader's language.</summary>
public sealed class PasswordTextTests
{
    [Fact]
    public async Task EveryPasswordWeakness_HasAFrenchAndAnEnglishText()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var texts = server.Service<IStringLocalizer<AccountsText>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var weakness in Enum.GetValues<PasswordWeakness>())
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
                var french = texts["Password_" + weakness];
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
                var english = texts["Password_" + weakness];
                Assert.False(french.ResourceNotFound, $"{weakness}: no French text");
                Assert.False(english.ResourceNotFound, $"{weakness}: no English text");
                Assert.NotEqual(french.Value, english.Value);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void AccountTexts_ExistInBothLanguages_WithTheSamePlaceholders()
    {
        var resources = new System.Resources.ResourceManager("Vigie.Web.Accounts.AccountsText", typeof(AccountsText).Assembly);
        var french = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var count = 0;
        foreach (System.Collections.DictionaryEntry entry in french)
        {
            var key = (string)entry.Key;
            var fr = (string)entry.Value!;
            var en = english.GetString(key);
            Assert.True(en is not null, $"{key}: no English text");
            Assert.Equal(Placeholders(fr), Placeholders(en!));
            Assert.DoesNotContain("{{", fr, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", en, StringComparison.Ordinal);
            count++;
        }

        Assert.True(count > 80, $"{count} texts");
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{[0-9]+\}").Select(m => m.Value).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Setup_WithTwelveSpaces_SaysWhyInFrench_AndCreatesNothing()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var token = await server.Service<AccountService>().CreateSetupTokenAsync();
        using var session = new PageSession(server.Address);
        var refused = await session.SubmitAsync($"/setup?token={token}", "setup", new Dictionary<string, string>
        {
            ["Form.Token"] = token!, ["Form.Name"] = "admin", ["Form.DisplayName"] = "Admin", ["Form.Password"] = "            ",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("répète un caractère", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await server.Service<AccountService>().AnyUserAsync());
    }
}
