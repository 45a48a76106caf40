using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;

namespace Vigie.Browser.Tests;

/// <summary>The crisis cell's path through the pages in a real Chromium.</summary>
public sealed class CommandPostBrowserTests
{
    [Fact]
    public async Task Director_LogsIn_DeclaresAnIncident_AndAddsAnEntry_WithStylesAndScriptsLoaded()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = await harness.NewPageAsync("directrice", UserRole.Directeur);

        // The stylesheet really applies (header colour) and the live client connects.
        var header = await page.EvalOnSelectorAsync<string>("header.top", "e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(11, 61, 92)", header);

        await page.GetByLabel("Intitulé").FillAsync("Rançongiciel — impressions de notes de rançon");
        await page.GetByLabel("Gravité").SelectOptionAsync("critique");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer" }).ClickAsync();
        await BrowserHarness.WaitForUrlAsync(page, "**/incidents/*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Rançongiciel — impressions de notes de rançon");
        await BrowserHarness.WaitForLiveAsync(page);

        await page.Locator("#entry-kind").SelectOptionAsync("decision");
        await page.GetByLabel("Texte", new() { Exact = true }).FillAsync("Couper tous les postes du réseau (sans les éteindre).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#journal-entries li").First).ToContainTextAsync("Couper tous les postes du réseau");
        await Assertions.Expect(page.Locator("[role=status].ok")).ToContainTextAsync("Entrée n°2 enregistrée");
        await BrowserHarness.ScreenshotAsync(page, "incident-journal");

        Assert.Empty(harness.Errors);
        Assert.All(harness.Requests, url => Assert.StartsWith(harness.Server.Address.ToString(), url, StringComparison.Ordinal));
        Assert.Contains(harness.Requests, url => url.EndsWith("/assets/lib/signalr/signalr.min.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoBrowsers_AddEntries_AndEachSeesTheOthersAppearLive()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        var alice = await harness.NewPageAsync("alice");
        var bob = await harness.NewPageAsync("bob");
        foreach (var page in new[] { alice, bob })
        {
            await page.GotoAsync($"/incidents/{incident.Id}/journal");
            await BrowserHarness.WaitForLiveAsync(page);
        }

        // Bob has started typing; Alice's entry arrives; Bob's text is untouched.
        await bob.GetByLabel("Texte", new() { Exact = true }).FillAsync("Brouillon de Bob");
        await alice.GetByLabel("Texte", new() { Exact = true }).FillAsync("Alice : urgences fermées 24 h, réévaluation toutes les 12 h.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(bob.Locator("#journal-entries")).ToContainTextAsync("Alice : urgences fermées 24 h");
        await Assertions.Expect(bob.GetByLabel("Texte", new() { Exact = true })).ToHaveValueAsync("Brouillon de Bob");
        Assert.Equal("/incidents/" + incident.Id + "/journal", new Uri(bob.Url).AbsolutePath);

        await bob.GetByLabel("Texte", new() { Exact = true }).FillAsync("Bob : dossiers des 130 patients imprimés.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#journal-entries")).ToContainTextAsync("Bob : dossiers des 130 patients imprimés.");
        await Assertions.Expect(alice.Locator("#journal-entries li.entry")).ToHaveCountAsync(3);
        Assert.Empty(harness.Errors);
    }

    [Fact]
    public async Task PrintView_ShowsTheHeadHashAndEntryCount()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incidents = harness.Server.Service<IncidentService>();
        var journal = harness.Server.Service<JournalService>();
        var incident = (await incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        for (var i = 0; i < 4; i++)
        {
            await journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, $"Fait n°{i}"));
        }

        var head = (await incidents.GetAsync(incident.Id))!.JournalHead;
        var page = await harness.NewPageAsync("observatrice", UserRole.Observateur);
        await page.GotoAsync($"/incidents/{incident.Id}/journal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Version imprimable" }).ClickAsync();
        await Assertions.Expect(page.Locator("#print-head")).ToHaveTextAsync(head);
        await Assertions.Expect(page.Locator("#print-count")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("#print-chain")).ToHaveTextAsync("intègre");

        // The print stylesheet hides the navigation when printing.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.top").IsVisibleAsync());
        Assert.True(await page.Locator("#print-head").IsVisibleAsync());
        Assert.Empty(harness.Errors);
    }

    [Fact]
    public async Task Phone_IncidentPageFitsTheScreen_AndSwitchesToEnglish()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        await harness.Server.Service<JournalService>().AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, new string('x', 400)));
        var page = await harness.NewPageAsync("accueil1", UserRole.Membre, width: 360, height: 740);
        await page.GotoAsync($"/incidents/{incident.Id}/journal");
        await BrowserHarness.ScreenshotAsync(page, "phone-journal");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Printable version" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }
}
