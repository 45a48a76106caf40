using Microsoft.Playwright;
using Vigie.Browser.Tests.Pages;
using Vigie.CommandPost.Accounts;

namespace Vigie.Browser.Tests.Accounts;

/// <summary>
/// Issue 16: the accounts pages on a phone (390 × 844): nothing scrolls sideways, every action is reachable by its label,
/// and axe-core finds no serious or critical violation.
/// </summary>
public sealed class AdminUsersBrowserTests
{
    [Fact]
    public async Task Phone_AdministratorCreatesDisablesResetsAndRevokes_WithoutSidewaysScrolling()
    {
        await using var harness = await BrowserHarness.StartAsync();
        await harness.Server.CreateUserAsync("directrice", UserRole.Directeur);
        await harness.Server.Service<AccountService>().CreateTokenAsync("directrice", "collecte hunt du serveur de fichiers", TimeSpan.FromDays(30), "test");
        var page = await harness.NewPageAsync("chef", UserRole.Admin, width: 390, height: 844);

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comptes", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Identifiant").FillAsync("bruno");
        await page.GetByLabel("Nom affiché").FillAsync("Bruno Lefebvre, cadre de santé des urgences");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#secret-value")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await AssertAccessibleAsync(page);
        await BrowserHarness.ScreenshotAsync(page, "phone-admin-users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Gérer le compte directrice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compte « directrice »" })).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await AssertAccessibleAsync(page);
        await BrowserHarness.ScreenshotAsync(page, "phone-admin-user");

        await page.GetByRole(AriaRole.Button, new() { Name = "Désactiver" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-done")).ToContainTextAsync("Compte désactivé");
        await Assertions.Expect(page.Locator("#account-state")).ToHaveTextAsync("désactivé");
        await page.GetByRole(AriaRole.Button, new() { Name = "Réactiver" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-state")).ToHaveTextAsync("actif");

        await page.GetByLabel("Nouveau rôle").SelectOptionAsync("observateur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le rôle" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-role")).ToHaveTextAsync("observateur");

        await page.GetByRole(AriaRole.Button, new() { Name = "Donner un nouveau mot de passe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#secret-value")).ToBeVisibleAsync();
        var password = await page.Locator("#secret-value").InnerTextAsync();
        Assert.Equal(LoginOutcome.Success, (await harness.Server.Service<AccountService>().LoginAsync("directrice", password, "10.0.0.5")).Outcome);

        await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer le jeton « collecte hunt du serveur de fichiers » de directrice" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-done")).ToContainTextAsync("révoqué");
        await AssertFitsAsync(page);
        Assert.Null(await harness.Server.Service<AccountService>().FindByTokenAsync("nothing"));
        Assert.All(await harness.Server.Service<AccountService>().ListTokensAsync("directrice"), t => Assert.NotNull(t.RevokedAt));
        Assert.Empty(harness.Errors);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var serious = await AxeCore.SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("\n", serious));
    }

    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), $"{page.Url} scrolls sideways at 390 px");
}
