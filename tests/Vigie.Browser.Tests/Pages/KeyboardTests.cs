using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;

namespace Vigie.Browser.Tests.Pages;

/// <summary>The scribe at the keyboard: the journal's text box a few keys away, Ctrl+Enter to send, a title per page.</summary>
public sealed class KeyboardTests
{
    [Fact]
    public async Task Scribe_ReachesTheJournalTextBoxInAFewKeys_AndSendsWithCtrlEnter()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        var page = await harness.NewPageAsync("secretaire", UserRole.Membre);
        await page.GotoAsync($"/incidents/{incident.Id}/journal");
        Assert.Equal($"Main courante — Incident {incident.Id} — Vigie", await page.TitleAsync());

        // From the top of the page: "Aller au contenu", then "Passer les onglets de l'incident", which skips the header,
        // the phase and the twelve tabs; then the print link and the text box (34 Tab presses before).
        var keys = new List<string>();
        async Task<string> PressAsync(string key)
        {
            keys.Add(key);
            await page.Keyboard.PressAsync(key);
            return await page.EvaluateAsync<string>("() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''");
        }

        Assert.Equal("Aller au contenu", await PressAsync("Tab"));
        Assert.Equal("Passer les onglets de l'incident", await PressAsync("Tab"));
        Assert.Equal("section", await PressAsync("Enter"));
        await PressAsync("Tab");
        Assert.Equal("entry-text", await PressAsync("Tab"));
        Assert.True(keys.Count <= 5, $"{keys.Count} keys: {string.Join(", ", keys)}");

        // The entry goes with Ctrl+Enter, from the text box, without the mouse.
        await page.Keyboard.TypeAsync("Notes de rançon sur les imprimantes du bâtiment B.");
        await page.Keyboard.PressAsync("Control+Enter");
        await BrowserHarness.WaitForUrlAsync(page, url => url.Contains("added=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#journal-entries li").First).ToContainTextAsync("Notes de rançon sur les imprimantes du bâtiment B.");

        // Cmd+Enter on a Mac does the same; an empty text box is not sent (the browser says the field is required).
        await page.Locator("#entry-text").FillAsync("Deuxième entrée, envoyée avec Cmd+Entrée.");
        await page.Locator("#entry-text").PressAsync("Meta+Enter");
        await Assertions.Expect(page.Locator("#journal-entries li").First).ToContainTextAsync("Deuxième entrée");
        var count = await page.Locator("#journal-entries li").CountAsync();
        await page.Locator("#entry-text").PressAsync("Control+Enter");
        Assert.Equal(count, await page.Locator("#journal-entries li").CountAsync());
        Assert.Empty(harness.Errors);
    }
}
