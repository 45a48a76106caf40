using System.Diagnostics;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Journal;

namespace Vigie.Browser.Tests.Room;

/// <summary>
/// The server goes away under open forms (its process stops; it comes back on the same data folder and port): a banner
/// says so on every page within five seconds; the desk's form is kept on the device and sent once by itself when the
/// server is back; the journal's form keeps its text, says it was not saved, and is sent once when the scribe sends it again.
/// The desk agent on a phone lands on the desk, whose form starts within the first screen, and records a tri 1 in one step.
/// </summary>
public sealed class OfflineBrowserTests
{
    [Fact]
    public async Task ServerStopsUnderTheDeskAndTheJournal_TextIsKept_AndEachIsSentOnceAfterRestart()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var scene = await RoomScene.NightAsync(harness.Server, entries: 3);

        // The desk agent, on a phone: signs in and lands on the desk itself, the form within the first screen.
        var desk = await harness.NewPageAsync("agent", UserRole.Accueil, 390, 844);
        await BrowserHarness.WaitForUrlAsync(desk, $"**/incidents/{scene.Incident}/accueil");
        var formTop = await desk.Locator("#desk-form").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(formTop < 844 - 200, $"the desk form starts {formTop} px down on a 390×844 phone");
        await BrowserHarness.ScreenshotAsync(desk, "desk-390-fr");

        // The scribe, on a laptop, types an entry.
        var scribe = await harness.NewPageAsync("scribe", UserRole.Membre, 1366, 768);
        await scribe.GotoAsync($"/incidents/{scene.Incident}/journal");
        const string text = "Appel de la gendarmerie : l'enquêteur passera à 9 h pour la plainte.";
        await scribe.Locator("#entry-text").FillAsync(text);

        // A vital emergency: triage 1, no "own means" question, one button.
        await desk.GetByLabel("Initiales").FillAsync("SB");
        await desk.GetByLabel("Année de naissance").FillAsync("1971");
        await desk.Locator("input[name='Form.Sex'][value='femme']").CheckAsync();
        await desk.GetByLabel("Motif").FillAsync("Arrêt cardio-respiratoire");
        await desk.Locator("input[name='Form.Triage'][value='1']").CheckAsync();
        await Assertions.Expect(desk.Locator(".desk-ambulatory")).ToBeHiddenAsync();
        await Assertions.Expect(desk.Locator("#desk-suggest")).ToHaveTextAsync("Enregistrer : urgence vitale, prise en charge sur place");
        await Assertions.Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Proposer des destinations" })).ToHaveCountAsync(0);
        var before = (await harness.Server.Service<RedirectionService>().ListAsync(scene.Incident, "test")).Count;

        // The server stops: both pages say so within five seconds.
        var stopped = Stopwatch.StartNew();
        await harness.Server.StopAsync();
        await Assertions.Expect(desk.Locator("#connection-banner")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(scribe.Locator("#connection-banner")).ToBeVisibleAsync(new() { Timeout = Math.Max(1, 5_000 - (int)stopped.ElapsedMilliseconds) });
        await Assertions.Expect(desk.Locator("#connection-banner")).ToContainTextAsync("Serveur injoignable");
        await BrowserHarness.ScreenshotAsync(desk, "desk-390-offline");

        // Both send meanwhile: nothing lands on the browser's error page; the desk keeps its entry, the journal its text.
        await desk.Locator("#desk-suggest").ClickAsync();
        await Assertions.Expect(desk.Locator(".offline-note[data-state='queued']")).ToBeVisibleAsync();
        await Assertions.Expect(desk.GetByLabel("Initiales")).ToHaveValueAsync("SB");
        await scribe.Locator("#entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(scribe.Locator(".offline-note[data-state='not-saved']")).ToBeVisibleAsync();
        await Assertions.Expect(scribe.Locator("#entry-text")).ToHaveValueAsync(text);
        Assert.EndsWith($"/incidents/{scene.Incident}/journal", scribe.Url, StringComparison.Ordinal);
        await BrowserHarness.ScreenshotAsync(scribe, "journal-offline");

        // The server comes back on the same data and port: the desk's entry goes by itself, once.
        await harness.Server.RestartAsync();
        await BrowserHarness.WaitForUrlAsync(desk, $"**/incidents/{scene.Incident}/accueil?enregistre=*");
        await Assertions.Expect(desk.Locator("#desk-recorded")).ToBeVisibleAsync();
        var after = await harness.Server.Service<RedirectionService>().ListAsync(scene.Incident, "test");
        Assert.Equal(before + 1, after.Count);
        Assert.Equal((RedirectionOutcome.UrgenceVitaleSurPlace, "SB"), (after[0].Outcome, after[0].Initials));

        // The scribe sees the banner turn to "restored" and sends again: one entry.
        await Assertions.Expect(scribe.Locator("#connection-banner")).ToContainTextAsync("Connexion rétablie", new() { Timeout = 15_000 });
        await scribe.Locator("#entry-form button[type=submit]").ClickAsync();
        await BrowserHarness.WaitForUrlAsync(scribe, "**/journal?added=*");
        var entries = await harness.Server.Service<JournalService>().ListAsync(scene.Incident, new JournalQuery());
        Assert.Single(entries, e => e.Text == text);

        // The queued copy is gone from the device: reloading the desk sends nothing more.
        await desk.GotoAsync($"/incidents/{scene.Incident}/accueil");
        await Assertions.Expect(desk.GetByLabel("Initiales")).ToHaveValueAsync("");
        Assert.Equal(before + 1, (await harness.Server.Service<RedirectionService>().ListAsync(scene.Incident, "test")).Count);
        // While the server was away the browser logged failed requests; never a script error or a blocked script.
        Assert.DoesNotContain(harness.Errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal) || e.Contains("TypeError: Cannot", StringComparison.Ordinal)
            || e.Contains("is not defined", StringComparison.Ordinal));
    }
}
