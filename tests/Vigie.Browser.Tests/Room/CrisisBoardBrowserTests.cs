using System.Text.Json;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Journal;

namespace Vigie.Browser.Tests.Room;

/// <summary>
/// Le tableau de crise in Debian's Chromium: at 1366×768 and 1920×1080, light and dark, every part on one screen without
/// scrolling (element boxes measured against the viewport, no part cut inside); and it follows the incident live.
/// </summary>
public sealed class CrisisBoardBrowserTests
{
    private static readonly string[] s_parts = ["cb-title", "cb-phase", "cb-elapsed", "cb-clock", "cb-deadlines", "cb-overdue", "cb-services", "cb-diversion", "cb-desk", "cb-journal", "cb-foot"];

    [Fact]
    public async Task Board_AtLaptopAndWallSizes_InBothThemes_ShowsEveryPartWithoutScrolling()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var scene = await RoomScene.NightAsync(harness.Server);

        foreach (var (width, height) in new[] { (1366, 768), (1920, 1080) })
        {
            var page = await harness.NewPageAsync("directrice", UserRole.Directeur, width, height);
            foreach (var theme in new[] { "light", "dark" })
            {
                await page.GotoAsync($"/theme/{theme}?returnUrl=/incidents/{scene.Incident}/tableau-de-crise");
                await Assertions.Expect(page.Locator("#cb-deadline-ars_cert_sante")).ToBeVisibleAsync();
                var layout = await page.EvaluateAsync<JsonElement>(
                    """
                    parts => ({
                        scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
                        width: innerWidth, height: innerHeight, theme: document.documentElement.getAttribute('data-theme'),
                        parts: parts.map(id => {
                            const e = document.getElementById(id);
                            if (!e) { return { id, missing: true }; }
                            const r = e.getBoundingClientRect();
                            return { id, top: r.top, left: r.left, bottom: r.bottom, right: r.right, visible: r.width > 0 && r.height > 0,
                                     cut: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1 };
                        })
                    })
                    """, s_parts);
                var where = $"{width}×{height} {theme}";
                Assert.Equal(theme, layout.GetProperty("theme").GetString());
                Assert.True(layout.GetProperty("scrollHeight").GetInt32() <= height, $"{where}: the page scrolls ({layout.GetProperty("scrollHeight").GetInt32()} px high)");
                Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= width, $"{where}: the page scrolls sideways");
                foreach (var part in layout.GetProperty("parts").EnumerateArray())
                {
                    var id = part.GetProperty("id").GetString();
                    Assert.False(part.TryGetProperty("missing", out _), $"{where}: {id} is missing");
                    Assert.True(part.GetProperty("visible").GetBoolean(), $"{where}: {id} has no size");
                    Assert.True(part.GetProperty("top").GetDouble() >= 0 && part.GetProperty("left").GetDouble() >= 0 &&
                                part.GetProperty("bottom").GetDouble() <= height && part.GetProperty("right").GetDouble() <= width,
                        $"{where}: {id} is outside the screen: {part}");
                    Assert.False(part.GetProperty("cut").GetBoolean(), $"{where}: {id} hides part of its content");
                }

                await BrowserHarness.ScreenshotAsync(page, $"crisis-board-{width}-{theme}");
            }
        }

        // English, a phone: the parts stack and scroll, nothing sideways.
        var phone = await harness.NewPageAsync("directrice", UserRole.Directeur, 390, 844);
        await phone.GotoAsync($"/culture/en?returnUrl=/incidents/{scene.Incident}/tableau-de-crise");
        await Assertions.Expect(phone.Locator("#cb-deadlines-title")).ToHaveTextAsync("Legal deadlines");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the board on a phone scrolls sideways");
        await BrowserHarness.ScreenshotAsync(phone, "crisis-board-390-en");
        Assert.Empty(harness.Errors);
        Assert.All(harness.Requests, url => Assert.StartsWith(harness.Server.Address.ToString(), url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Board_UpdatesLive_WhenAnEntryAServiceOrADeadlineChanges()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var scene = await RoomScene.NightAsync(harness.Server, entries: 5);
        var wall = await harness.NewPageAsync("ars", UserRole.Observateur, 1366, 768);
        await wall.GotoAsync($"/incidents/{scene.Incident}/tableau-de-crise");
        await BrowserHarness.WaitForLiveAsync(wall);
        await Assertions.Expect(wall.Locator("#cb-deadline-ars_cert_sante")).ToContainTextAsync("due depuis");

        // An entry written elsewhere appears at the top of the journal part.
        var entry = (await harness.Server.Service<JournalService>().AppendAsync(scene.Incident, "secretariat",
            new NewJournalEntry(JournalKind.Fait, "Le standard téléphonique ne répond plus."))).Value;
        await Assertions.Expect(wall.Locator($"#cb-entry-{entry.Seq}")).ToContainTextAsync("Le standard téléphonique ne répond plus.");

        // A service goes down: it joins the grid.
        await Assertions.Expect(wall.Locator($"#cb-svc-{scene.TelephonyId}")).ToHaveCountAsync(0);
        Assert.True((await harness.Server.Service<BoardService>().ChangeStatusAsync(scene.Incident, scene.TelephonyId,
            new StatusChange(ServiceStatus.Ferme, "Autocommutateur chiffré"), "dsi")).IsOk);
        await Assertions.Expect(wall.Locator($"#cb-svc-{scene.TelephonyId}")).ToContainTextAsync("Arrêté");

        // The ARS declaration is sent: it leaves the deadlines owed, and the board says how long after the detection.
        Assert.True((await harness.Server.Service<DeadlineService>().MarkSentAsync(scene.Incident, "ars_cert_sante", null, "SIGNAL-118", "directrice")).IsOk);
        await Assertions.Expect(wall.Locator("#cb-deadline-ars_cert_sante")).ToHaveCountAsync(0);
        await Assertions.Expect(wall.Locator("#cb-sent")).ToContainTextAsync("après le départ");
        Assert.Empty(harness.Errors);
    }
}
