using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.Cli.Serve.Demo;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Storage;
using Vigie.Web.Common;

namespace Vigie.Browser.Tests.Pages;

/// <summary>
/// Every page of the demo (<c>vigie serve --demo</c>) in a real Chromium, at a phone's 390×844 and a laptop's 1366×768:
/// nothing scrolls sideways (neither the page nor a part of it), axe-core finds no serious or critical violation, and
/// the page has its own title. The pages are the app's own (its Razor page routes and its incident sections); each
/// route has its demo addresses here, and a page added without them fails the test. One server, one browser.
/// </summary>
[Collection(nameof(PageSweepTests))]
public sealed class PageSweepTests
{
    private static readonly (int Width, int Height)[] s_viewports = [(390, 844), (1366, 768)];

    [Fact]
    public async Task EveryPageOfTheDemo_FitsPhoneAndLaptop_PassesAxe_AndHasItsOwnTitle()
    {
        var axe = AxeCore.ScriptPath();
        await using var harness = await BrowserHarness.StartAsync(DatabaseKind.Sqlite);
        var services = harness.Server.App.Services;
        var demo = await DemoData.SeedAsync(services);
        var pages = await DemoPagesAsync(harness, demo.IncidentId);

        // Every page route the app maps has its addresses in the list, and the list has no route the app lost.
        var routes = PageRoutes(harness);
        Assert.Empty(routes.Except(pages.Keys).Select(r => $"page route {r} has no demo address in PageSweepTests: add it"));
        Assert.Empty(pages.Keys.Except(routes).Select(r => $"{r} is no longer a page of the app: remove it from PageSweepTests"));

        // axe really runs: a picture without a text alternative, put on a page on purpose, is reported.
        var canary = await harness.NewPageAsync("sweep", UserRole.Admin, bypassCsp: true);
        await canary.GotoAsync("/");
        await canary.EvaluateAsync("() => document.querySelector('main').append(Object.assign(document.createElement('img'), { src: '/assets/img/favicon.svg' }))");
        await canary.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        Assert.Contains("image-alt", await canary.EvaluateAsync<string[]>("async () => (await axe.run(document)).violations.map(v => v.id)"));

        Assert.True(pages.Values.Sum(a => a.Length) >= 35, "the demo's pages");
        var problems = new List<string>();
        foreach (var (width, height) in s_viewports)
        {
            var page = await harness.NewPageAsync("sweep", UserRole.Admin, width, height, bypassCsp: true);
            var anonymous = await harness.NewPageAsync(width: width, height: height, bypassCsp: true);
            // The exercise's own pages are the animation cell's (need to know): an animator reads them.
            var animator = await harness.NewPageAsync("sweep-animation", UserRole.Animateur, width, height, bypassCsp: true);
            foreach (var (route, addresses) in pages)
            {
                foreach (var address in addresses)
                {
                    var signedOut = route is "/login" or "/setup";
                    var reader = signedOut ? anonymous : route.StartsWith("/exercices/", StringComparison.Ordinal) ? animator : page;
                    await CheckAsync(reader, address, width, axe, problems);
                }
            }

            // The same pages in English at phone width: other words, other lengths, their own titles.
            if (width == 390)
            {
                await page.GotoAsync("/culture/en?returnUrl=/");
                foreach (var address in pages.Where(p => p.Key is not ("/login" or "/setup") && !p.Key.StartsWith("/exercices/", StringComparison.Ordinal)).SelectMany(p => p.Value))
                {
                    await CheckAsync(page, address, width, axe: null, problems, english: true);
                }

                await page.GotoAsync("/culture/fr?returnUrl=/");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join("\n", problems));
        Assert.Empty(harness.Errors);
    }

    private static async Task CheckAsync(IPage page, string address, int width, string? axe, List<string> problems, bool english = false)
    {
        var where = $"{address} at {width} px{(english ? " (en)" : "")}";
        var response = await page.GotoAsync(address);
        if (response is null || response.Status != 200)
        {
            problems.Add($"{where}: HTTP {response?.Status}");
            return;
        }

        var layout = await page.EvaluateAsync<JsonElement>("""
            () => ({
              page: document.documentElement.scrollWidth,
              viewport: window.innerWidth,
              title: document.title,
              sideways: [...document.querySelectorAll('body *')]
                .filter(e => { const s = getComputedStyle(e); return e.tagName !== 'NAV' && (s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1; })
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')),
              wide: [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position !== 'absolute')
                .slice(-2).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"'),
            })
            """);
        var pageWidth = layout.GetProperty("page").GetInt32();
        var viewport = layout.GetProperty("viewport").GetInt32();
        if (pageWidth > viewport)
        {
            problems.Add($"{where}: the page is {pageWidth} px wide in a {viewport} px window ({string.Join(", ", layout.GetProperty("wide").EnumerateArray())})");
        }

        // Content never scrolls sideways; the site's menu and the incident's tabs are one-line strips of links on a phone
        // (nav elements, swiped inside their own strip) so that the desk form starts within the first screen.
        foreach (var part in layout.GetProperty("sideways").EnumerateArray())
        {
            problems.Add($"{where}: {part} scrolls sideways");
        }

        var title = layout.GetProperty("title").GetString() ?? "";
        if (!title.EndsWith(" — Vigie", StringComparison.Ordinal) || title.Length <= " — Vigie".Length)
        {
            problems.Add($"{where}: title \"{title}\" does not say which page this is");
        }

        if (axe is not null)
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
            var violations = await page.EvaluateAsync<string[]>("""
                async () => {
                  const result = await axe.run(document, { resultTypes: ['violations'] });
                  return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
                }
                """);
            problems.AddRange(violations.Select(v => $"{where}: axe {v}"));
        }
    }

    /// <summary>The page routes of the app: its Razor components' @page templates.</summary>
    private static HashSet<string> PageRoutes(BrowserHarness harness) =>
        ((IEndpointRouteBuilder)harness.Server.App).DataSources
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Each page route and the demo's addresses for it (its incident sections from the app's own registrations).</summary>
    private static async Task<Dictionary<string, string[]>> DemoPagesAsync(BrowserHarness harness, long incident)
    {
        var services = harness.Server.App.Services;
        var sections = services.GetServices<IncidentSection>().Select(s => $"/incidents/{incident}/{s.Key}").ToArray();
        var diversion = (await harness.Server.Service<DiversionService>().ListAsync(incident)).First();
        var sites = await harness.Server.Service<SiteCatalogService>().ListSitesAsync();
        var site = sites.First();
        var unit = (await harness.Server.Service<SiteCatalogService>().ListServicesAsync(site.Id)).First(s => s.Code == "urgences_adultes");
        var facility = (await harness.Server.Service<FacilityService>().ListAsync()).First();
        string I(string path) => string.Create(CultureInfo.InvariantCulture, $"/incidents/{incident}{path}");
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["/"] = ["/"],
            ["/incidents/{Id:long}/{Section?}"] = sections,
            ["/incidents/{Id:long}/journal/print"] = [I("/journal/print")],
            ["/incidents/{Id:long}/retex/print"] = [I("/retex/print")],
            ["/incidents/{Id:long}/services/print"] = [I("/services/print")],
            ["/incidents/{Id:long}/services/{ServiceId:long}"] = [I($"/services/{unit.Id}")],
            ["/incidents/{Id:long}/diversions/{DiversionId:long}"] = [I($"/diversions/{diversion.Id}")],
            ["/incidents/{Id:long}/redirections/{Number:int}/slip"] = [I("/redirections/1/slip"), I("/redirections/6/slip?format=ticket")],
            ["/incidents/{Id:long}/echeances/{DeadlineId}"] = [I("/echeances/ars_cert_sante"), I("/echeances/cnil")],
            ["/incidents/{Id:long}/echeances/{DeadlineId}/print"] = [I("/echeances/cnil/print")],
            ["/incidents/{Id:long}/situation/{Number:int}"] = [I("/situation/1")],
            ["/remediation"] = ["/remediation"],
            ["/territoire"] = ["/territoire"],
            ["/territoire/nouveau"] = ["/territoire/nouveau"],
            ["/territoire/{FacilityId:long}"] = [$"/territoire/{facility.Id}"],
            ["/sites"] = ["/sites"],
            ["/sites/{SiteId:long}"] = [$"/sites/{site.Id}"],
            ["/sites/{SiteId:long}/services/{ServiceId:long}"] = [$"/sites/{site.Id}/services/{unit.Id}"],
            ["/directory"] = ["/directory"],
            ["/directory/print"] = ["/directory/print"],
            ["/admin/users"] = ["/admin/users"],
            ["/admin/audit"] = ["/admin/audit"],
            ["/incidents/{Id:long}/tableau-de-crise"] = [I("/tableau-de-crise")],
            ["/incidents/{Id:long}/services/groupe"] = [I("/services/groupe")],
            ["/admin/users/{Name}"] = ["/admin/users/sweep"],
            ["/exercices"] = ["/exercices"],
            ["/exercices/{Id:long}/console"] = [$"/exercices/{incident}/console"],
            ["/exercices/{Id:long}/grille"] = [$"/exercices/{incident}/grille"],
            ["/exercices/{Id:long}/rapport"] = [$"/exercices/{incident}/rapport"],
            ["/exercices/{Id:long}/stimuli/{StimulusId:long}/imprimer"] = [$"/exercices/{incident}/stimuli/1/imprimer"],
            ["/forbidden"] = ["/forbidden"],
            ["/login"] = ["/login"],
            ["/setup"] = ["/setup"],
        };
    }
}
