using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;

namespace Vigie.Browser.Tests.Checklists;

/// <summary>The post-incident path in a real Chromium: walk the ransomware reflex sheet, see the deadlines count down, open the RETEX and its PDF.</summary>
public sealed class ChecklistAndReportBrowserTests
{
    // Thirteen form posts in a row on a shared two-core machine: give each expectation more than Playwright's 5 s.
    static ChecklistAndReportBrowserTests() => Assertions.SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Director_WalksTheRansomwareChecklist_ThenOpensTheReport()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(
            new NewIncident("Rançongiciel — CH d'Armentières", IncidentKind.Cyber, DateTimeOffset.UtcNow.AddHours(-2), Severity.Critique, "CH d'Armentières"), "directrice")).Value;
        var page = await harness.NewPageAsync("directrice", UserRole.Directeur);

        // Apply the reflex sheet from the incident's tab.
        await page.GotoAsync($"/incidents/{incident.Id}/fiches");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fiches réflexes" }).WaitForAsync();
        await page.GetByLabel("Appliquer une fiche").SelectOptionAsync("ransomware");
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".progress-text")).ToHaveTextAsync("0 / 13 points faits");
        await Assertions.Expect(page.Locator(".checklist-item").First).ToContainTextAsync("ne pas éteindre les machines");

        // Walk it: the first point with a note, then every remaining point in order.
        await page.GetByLabel("Note").First.FillAsync("câbles réseau débranchés, postes allumés");
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer le point 1 comme fait" }).ClickAsync();
        await Assertions.Expect(page.Locator(".progress-text")).ToHaveTextAsync("1 / 13 points faits");
        for (var point = 2; point <= 13; point++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Marquer le point {point} comme fait" }).ClickAsync();
            await Assertions.Expect(page.Locator(".progress-text")).ToHaveTextAsync($"{point} / 13 points faits");
        }

        await Assertions.Expect(page.Locator(".check-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#checklist-board")).ToContainTextAsync("par directrice — câbles réseau débranchés, postes allumés");
        await BrowserHarness.ScreenshotAsync(page, "checklist-done");
        var journal = await harness.Server.Service<JournalService>().ListAsync(incident.Id, new JournalQuery(Kind: JournalKind.Action));
        Assert.Equal(14, journal.Count); // applied + 13 points, each with who and when
        Assert.All(journal, e => Assert.Equal("directrice", e.Author));

        // The deadlines tab counts down in the browser (post-incident.js rewrites the server's text).
        await page.GotoAsync($"/incidents/{incident.Id}/echeances");
        var countdown = page.Locator("#deadline-complaint .countdown");
        await Assertions.Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^reste 2 j (21|22) h$"));
        await Assertions.Expect(page.Locator("#deadline-ars_cert_sante .deadline-badge")).ToHaveTextAsync("SANS DÉLAI");
        await BrowserHarness.ScreenshotAsync(page, "deadlines-tab");

        // The RETEX: open the print view from the tab, then download the PDF.
        await page.GotoAsync($"/incidents/{incident.Id}/retex");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le rapport (vue imprimable)" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/retex/print$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Retour d'expérience (RETEX) — rapport post-incident");
        await Assertions.Expect(page.Locator("#report-checklists")).ToContainTextAsync("Fiche réflexe rançongiciel : 13 point(s) fait(s) sur 13");
        await Assertions.Expect(page.Locator("#report-integrity")).ToContainTextAsync("intègre");
        await Assertions.Expect(page.Locator("#report-key_times")).ToContainTextAsync("Isolement du réseau");
        var printCss = await page.EvalOnSelectorAsync<string>("p.no-print", "e => getComputedStyle(e).display");
        Assert.NotEqual("none", printCss);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("p.no-print", "e => getComputedStyle(e).display"));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await BrowserHarness.ScreenshotAsync(page, "retex-print");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
        Assert.EndsWith("-fr.pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), "vigie-browser-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        await download.SaveAsAsync(file);
        try
        {
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(file))[..5]));
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Empty(harness.Errors);
        Assert.All(harness.Requests, url => Assert.StartsWith(harness.Server.Address.ToString(), url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observer_OnAPhone_SeesTheChecklistButCannotCheck()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(new NewIncident("Panne téléphonique", IncidentKind.Other), "directrice")).Value;
        await harness.Server.Service<Vigie.CommandPost.Checklists.ChecklistService>().ApplyAsync(incident.Id, "telephony_outage", "directrice");
        var page = await harness.NewPageAsync("ars", UserRole.Observateur, width: 360, height: 740);

        await page.GotoAsync($"/incidents/{incident.Id}/fiches");

        await Assertions.Expect(page.Locator(".progress-text")).ToHaveTextAsync("0 / 7 points faits");
        await Assertions.Expect(page.Locator(".check-button")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the checklist page scrolls sideways at 360 px");
        Assert.Empty(harness.Errors);
    }
}
