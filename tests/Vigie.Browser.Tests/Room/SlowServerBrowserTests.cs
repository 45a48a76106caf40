using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Journal;

namespace Vigie.Browser.Tests.Room;

/// <summary>
/// A slow server is not a lost one. Before a form is posted, live.js asks the server whether it answers (so that a form
/// sent to a stopped server does not land on the browser's error page); on a laptop whose two cores are busy with a hunt,
/// that answer can take seconds. The form then says it is waiting and goes as soon as the server answers: the sign-in is
/// not refused and the scribe's entry is not reported "not saved" (a CI run under heavy load once lost a sign-in this
/// way); and the connection banner, which says that nothing sent is saved, does not claim the server is lost.
/// </summary>
public sealed class SlowServerBrowserTests
{
    private const int PingDelayMs = 6_000;

    [Fact]
    public async Task WhenTheServerAnswersSlowly_TheSignInAndTheJournalEntryWait_AndAreSentOnce()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var scene = await RoomScene.NightAsync(harness.Server, entries: 3);
        await harness.Server.CreateUserAsync("scribe", UserRole.Membre, BrowserHarness.Password);
        var page = await harness.NewPageAsync(width: 1366, height: 768);
        // Whether the banner ever said "Serveur injoignable", on any page of this tab (kept across navigations).
        await page.AddInitScriptAsync(
            """
            document.addEventListener('DOMContentLoaded', () => {
              const banner = document.getElementById('connection-banner');
              if (!banner) { return; }
              new MutationObserver(() => {
                if (!banner.hidden && banner.getAttribute('data-state') === 'offline') { sessionStorage.setItem('test.lost', location.pathname); }
              }).observe(banner, { attributes: true });
            });
            """);
        await page.RouteAsync("**/live/ping", async route =>
        {
            await Task.Delay(PingDelayMs);
            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // The page gave up on this ping or left: nothing to continue.
            }
        });

        // The sign-in waits for the server's answer, says so, and goes.
        await page.GotoAsync("/login");
        await page.GetByLabel("Identifiant").FillAsync("scribe");
        await page.GetByLabel("Mot de passe").FillAsync(BrowserHarness.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.Locator(".offline-note[data-state='waiting']")).ToContainTextAsync("Le serveur tarde à répondre");
        await BrowserHarness.ScreenshotAsync(page, "login-slow-server");
        await BrowserHarness.WaitForUrlAsync(page, url => !url.Contains("/login", StringComparison.Ordinal));

        // The scribe's entry: the same, and it is recorded once.
        await page.GotoAsync($"/incidents/{scene.Incident}/journal");
        const string text = "Le serveur rame : l'entrée doit partir quand même.";
        await page.Locator("#entry-text").FillAsync(text);
        await page.Locator("#entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#entry-form .offline-note[data-state='waiting']")).ToBeVisibleAsync();
        await BrowserHarness.ScreenshotAsync(page, "journal-slow-server");
        await BrowserHarness.WaitForUrlAsync(page, "**/journal?added=*");
        var entries = await harness.Server.Service<JournalService>().ListAsync(scene.Incident, new JournalQuery());
        Assert.Single(entries, e => e.Text == text);

        // The heartbeat hears a slow answer on this page (a heartbeat that gave up would leave none); the banner never
        // said the server was lost.
        await page.WaitForResponseAsync("**/live/ping");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('test.lost')"));
        await Assertions.Expect(page.Locator("#connection-banner")).ToBeHiddenAsync();
        Assert.DoesNotContain(harness.Errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal) || e.Contains("TypeError", StringComparison.Ordinal));
    }
}
