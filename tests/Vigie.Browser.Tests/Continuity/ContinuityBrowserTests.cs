using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;

namespace Vigie.Browser.Tests.Continuity;

/// <summary>Continuity of care in Debian's Chromium: the desk on a tablet, the printed slip, the live dashboard, the board's overdue re-evaluation.</summary>
public sealed class ContinuityBrowserTests
{
    private static async Task<(long Incident, Site Site)> SetUpAsync(BrowserHarness harness, string title = "EXERCICE — Rançongiciel")
    {
        var incident = (await harness.Server.Service<IncidentService>().CreateAsync(new NewIncident(title, IncidentKind.Cyber, Exercise: true), "directrice")).Value;
        var site = (await harness.Server.Service<SiteCatalogService>().CreateSiteAsync(new SiteInput("Site principal", null, 50.6930, 2.8960), true, "admin")).Value;
        Assert.True((await harness.Server.Service<FacilityService>().ImportSampleAsync("admin")).IsOk);
        return (incident.Id, site);
    }

    [Fact]
    public async Task DeskAgent_RedirectsThreePatients_PrintsASlip_AndTheDashboardCountsChangeLive()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var (incident, _) = await SetUpAsync(harness);

        // A second browser: the ARS watching the dashboard.
        var dashboard = await harness.NewPageAsync("ars", UserRole.Observateur);
        await dashboard.GotoAsync($"/incidents/{incident}/tableau");
        await BrowserHarness.WaitForLiveAsync(dashboard);
        await Assertions.Expect(dashboard.Locator("#dash-total")).ToHaveTextAsync("0");

        // The desk agent, on a tablet, follows the one link of the navigation.
        var desk = await harness.NewPageAsync("agent", UserRole.Accueil, width: 1024, height: 768);
        await desk.GetByRole(AriaRole.Link, new() { Name = "Accueil patients" }).ClickAsync();
        await BrowserHarness.WaitForUrlAsync(desk, $"**/incidents/{incident}/accueil");

        var patients = new[]
        {
            (Initials: "J.D.", Year: "1958", Sex: "homme", Reason: "Douleur thoracique", Triage: "2", Ambulatory: "false", Transport: "smur_samu"),
            (Initials: "ML", Year: "1990", Sex: "femme", Reason: "Entorse de cheville", Triage: "5", Ambulatory: "true", Transport: "moyens_propres"),
            (Initials: "AB", Year: "2017", Sex: "homme", Reason: "Fièvre", Triage: "4", Ambulatory: "true", Transport: "ambulance"),
        };
        var number = 0;
        foreach (var p in patients)
        {
            number++;
            await desk.GetByLabel("Initiales").FillAsync(p.Initials);
            await desk.GetByLabel("Année de naissance").FillAsync(p.Year);
            await desk.Locator($"input[name='Form.Sex'][value='{p.Sex}']").CheckAsync();
            await desk.GetByLabel("Motif").FillAsync(p.Reason);
            await desk.Locator($"input[name='Form.Triage'][value='{p.Triage}']").CheckAsync();
            await desk.Locator($"input[name='Form.Ambulatory'][value='{p.Ambulatory}']").CheckAsync();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Proposer des destinations" }).ClickAsync();

            var destinations = desk.Locator("#desk-destinations");
            await Assertions.Expect(destinations).ToBeVisibleAsync();
            var first = destinations.Locator("input[name='Form.FacilityId']").First;
            await Assertions.Expect(first).ToBeCheckedAsync();
            var facilityId = long.Parse(await first.GetAttributeAsync("value") ?? "", CultureInfo.InvariantCulture);
            var facility = (await harness.Server.Service<FacilityService>().GetAsync(facilityId))!;
            if (p.Year == "2017")
            {
                Assert.True(facility.Has(Capability.UrgencesPediatriques), $"a child goes to a paediatric ED first, not {facility.Name}");
            }

            await desk.Locator($"input[name='Form.Transport'][value='{p.Transport}']").CheckAsync();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et imprimer le bon" }).ClickAsync();
            await BrowserHarness.WaitForUrlAsync(desk, $"**/incidents/{incident}/redirections/{number}/slip?nouveau=1");
            await Assertions.Expect(desk.Locator("#slip-destination")).ToHaveTextAsync(facility.Name);
            await Assertions.Expect(desk.Locator("#slip-address")).ToHaveTextAsync(facility.FullAddress);
            await Assertions.Expect(desk.Locator("#slip-phone")).ToContainTextAsync(facility.BestPhone!);

            // The second browser sees the count change without reloading.
            await Assertions.Expect(dashboard.Locator("#dash-total")).ToHaveTextAsync(number.ToString(CultureInfo.InvariantCulture));

            if (number == 1)
            {
                await PrintViewShowsTheSlipAsync(desk, facility);
            }

            await desk.GetByRole(AriaRole.Link, new() { Name = "Patient suivant" }).ClickAsync();
            await BrowserHarness.WaitForUrlAsync(desk, $"**/incidents/{incident}/accueil");
        }

        await Assertions.Expect(dashboard.Locator("#dash-redirected")).ToHaveTextAsync("3");
        await Assertions.Expect(dashboard.Locator("#dash-triage tr[data-triage='5'] td.count")).ToHaveTextAsync("1");
        await Assertions.Expect(desk.Locator("#desk-recent tbody tr")).ToHaveCountAsync(3);
        await AssertFitsTheScreenAsync(desk, "the desk on a tablet");
        await BrowserHarness.ScreenshotAsync(desk, "desk-tablet");
        await BrowserHarness.ScreenshotAsync(dashboard, "dashboard");
        Assert.Empty(harness.Errors);
        Assert.All(harness.Requests, url => Assert.StartsWith(harness.Server.Address.ToString(), url, StringComparison.Ordinal));
    }

    /// <summary>No horizontal scrolling of the page (wide tables scroll inside their own box); names the elements that stick out.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        var wide = overflow
            ? await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll-x')).map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8).join(' | ')")
            : "";
        Assert.False(overflow, $"{what} fits the screen's width; too wide: {wide}");
    }

    /// <summary>The print view (print media, and the PDF Chromium prints) shows the slip: destination, address, phone, and nothing of the page around it.</summary>
    private static async Task PrintViewShowsTheSlipAsync(IPage page, Facility facility)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.top").IsVisibleAsync());
        Assert.False(await page.Locator("#slip-print").IsVisibleAsync());
        Assert.True(await page.Locator("#slip-destination").IsVisibleAsync());
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var file = Path.Combine(Path.GetTempPath(), "vigie-slip-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(TestEnvironment.Tool("pdftotext")) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-layout", file, "-" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("EXERCICE", flat, StringComparison.Ordinal);
            Assert.Contains("BON DE RÉORIENTATION", flat.ToUpperInvariant(), StringComparison.Ordinal);
            Assert.Contains(facility.Name, flat, StringComparison.Ordinal);
            Assert.Contains(facility.FullAddress, flat, StringComparison.Ordinal);
            Assert.Contains(facility.BestPhone!, flat, StringComparison.Ordinal);
            Assert.DoesNotContain("Se déconnecter", flat, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Board_ClosesTheEmergencyDepartmentWithADiversion_AndShowsAnOverdueReevaluationLive()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var (incident, site) = await SetUpAsync(harness, "Rançongiciel");
        var services = await harness.Server.Service<SiteCatalogService>().ListServicesAsync(site.Id);
        var ed = services.Single(s => s.Code == "urgences_adultes");
        var dpi = services.Single(s => s.Code == "dpi");
        var page = await harness.NewPageAsync("directrice", UserRole.Directeur);
        await page.GotoAsync($"/incidents/{incident}/services");

        // The director closes the emergency department through the form: a diversion is opened.
        await page.Locator($"#svc-{ed.Id}").GetByRole(AriaRole.Link, new() { Name = "Modifier" }).ClickAsync();
        await page.Locator("input[name='Form.Status'][value='ferme']").CheckAsync();
        await page.GetByLabel("Motif").FillAsync("DPI chiffré : accueil impossible en sécurité");
        await page.GetByLabel("Catégorie", new() { Exact = true }).SelectOptionAsync("sauf_maternite");
        await page.GetByLabel("Réévaluer toutes les").SelectOptionAsync("720");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await BrowserHarness.WaitForUrlAsync(page, $"**/incidents/{incident}/services*");
        await Assertions.Expect(page.Locator($"#svc-{ed.Id}")).ToHaveAttributeAsync("data-status", "ferme");
        await Assertions.Expect(page.Locator(".diversion .card-title")).ToContainTextAsync("Urgences adultes");
        await BrowserHarness.WaitForLiveAsync(page);

        // Meanwhile the IT lead records the DPI as stopped, to be re-evaluated in a few seconds: the open board shows
        // it live, then shows the re-evaluation overdue when it falls due (the server's reminder pushes the change).
        var due = DateTimeOffset.UtcNow.AddSeconds(4);
        var changed = await harness.Server.Service<BoardService>().ChangeStatusAsync(incident, dpi.Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés", due), "dsi");
        Assert.True(changed.IsOk, changed.Problem?.Message);
        await Assertions.Expect(page.Locator($"#svc-{dpi.Id}")).ToHaveAttributeAsync("data-status", "ferme");
        await Assertions.Expect(page.Locator($"#svc-{dpi.Id}")).ToHaveAttributeAsync("data-overdue", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#board-overdue")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#svc-{dpi.Id} .overdue-badge")).ToHaveTextAsync("Réévaluation en retard");
        await BrowserHarness.ScreenshotAsync(page, "board-overdue");

        await page.GotoAsync($"/incidents/{incident}/journal");
        await Assertions.Expect(page.Locator("#journal-entries")).ToContainTextAsync("Rappel : réévaluation due pour Site principal / DPI");
        Assert.Empty(harness.Errors);
    }

    [Fact]
    public async Task Territory_ImportsAFileFromTheBrowser_AndListsTheRefusedLines()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = await harness.NewPageAsync("membre", UserRole.Membre, width: 360, height: 740);
        await page.GotoAsync("/territoire");
        await page.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload
        {
            Name = "territoire.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("nom,latitude,longitude,capacites\nCHU de Lille,50.6114609,3.037601,urgences_adultes\nSans coordonnées,,,\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("rien n'a été importé");
        await Assertions.Expect(page.Locator("#import-errors tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#import-errors tbody tr td").First).ToHaveTextAsync("3");

        await page.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload
        {
            Name = "territoire.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("nom,latitude,longitude,capacites\nCHU de Lille,50.6114609,3.037601,urgences_adultes\nSans coordonnées,,,\n"),
        });
        await page.GetByLabel("Importer les lignes valides").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("Import effectué.");
        await Assertions.Expect(page.Locator("#facility-list")).ToContainTextAsync("CHU de Lille");
        await AssertFitsTheScreenAsync(page, "the territory page");

        // On a phone too, the desk fits the screen (tables scroll inside their box).
        var (incident, _) = await SetUpAsync(harness);
        var desk = await harness.NewPageAsync("agent", UserRole.Accueil, width: 360, height: 740);
        await desk.GotoAsync($"/incidents/{incident}/accueil");
        await AssertFitsTheScreenAsync(desk, "the desk");
        await desk.GotoAsync($"/incidents/{incident}/services");
        await AssertFitsTheScreenAsync(desk, "the board");
        await BrowserHarness.ScreenshotAsync(desk, "board-phone");
        Assert.Empty(harness.Errors);
    }
}
