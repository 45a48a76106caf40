using System.Globalization;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Storage;
using Vigie.Hunt;
using Vigie.Sigma;

namespace Vigie.Browser.Tests.Hunt;

/// <summary>
/// The hunt's HTML report opened from disk (file:// URL) in Chromium with JavaScript off: its counts are
/// those of the hunt; and the Findings section of an incident, with a pin into the journal.
/// </summary>
public sealed class HuntReportBrowserTests
{
    private static readonly string[] s_args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"];

    [Fact]
    public async Task HtmlReport_OpenedFromDisk_ShowsTheHuntsCounts()
    {
        var chromium = BrowserHarness.ChromiumPath();
        var corpus = RepositoryPaths.SharedData("evtx");
        var rules = RepositoryPaths.SharedData("sigma");
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { RegexTimeout = TimeSpan.FromSeconds(10) });
        foreach (var folder in new[] { "rules/windows", "rules-emerging-threats", "rules-threat-hunting" })
        {
            builder.AddPath(Path.Combine(rules, folder));
        }

        var ruleSet = builder.Build();
        var (inputs, _) = HuntInputs.Expand([Path.Combine(corpus, "Lateral Movement"), Path.Combine(corpus, "Credential Access")]);
        var report = Path.Combine(Path.GetTempPath(), $"vigie-hunt-{Guid.NewGuid():N}.html");
        try
        {
            HuntSummary summary;
            await using (var stream = File.Create(report))
            {
                summary = new HuntEngine(ruleSet, new HuntOptions { Threads = 2 }).Run(inputs, HuntSinks.Create(HuntFormat.Html, stream), TestContext.Current.CancellationToken);
            }

            Assert.True(summary.Detections > 10, "the sample gives detections");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = s_args, Timeout = 60_000 });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
            var requests = new List<string>();
            var page = await context.NewPageAsync();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(report).AbsoluteUri);

            Assert.Equal(summary.Events.ToString(CultureInfo.InvariantCulture), await page.Locator("#events").InnerTextAsync());
            Assert.Equal(summary.Detections.ToString(CultureInfo.InvariantCulture), await page.Locator("#detections").InnerTextAsync());
            Assert.Equal(summary.ByLevel[HuntLevel.High].ToString(CultureInfo.InvariantCulture), await page.Locator("#level-high").InnerTextAsync());
            Assert.Equal(summary.Detections, await page.Locator("#timeline-table tbody tr").CountAsync());
            Assert.Equal(summary.Hosts.Count, await page.Locator("#hosts-table tbody tr").CountAsync());
            Assert.Equal(summary.ByTactic.Count, await page.Locator("#tactics-table tbody tr").CountAsync());
            var firstHost = summary.Hosts[0];
            Assert.Equal(firstHost.Computer, await page.Locator("#hosts-table tbody tr >> nth=0 >> td >> nth=0").InnerTextAsync());
            Assert.Equal(firstHost.Detections.ToString(CultureInfo.InvariantCulture), await page.Locator("#hosts-table tbody tr >> nth=0 >> td >> nth=1").InnerTextAsync());
            Assert.True(await page.Locator("#timeline-table").IsVisibleAsync());
            Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal)); // no external asset
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task FindingsSection_ShowsImportedFindings_AndPinsOneIntoTheJournal()
    {
        await using var harness = await BrowserHarness.StartAsync(DatabaseKind.Sqlite);
        var page = await harness.NewPageAsync("alice", UserRole.Directeur);
        var incidents = harness.Server.Service<Vigie.CommandPost.Incidents.IncidentService>();
        var incident = (await incidents.CreateAsync(new Vigie.CommandPost.Incidents.NewIncident("Rançongiciel", Vigie.CommandPost.Incidents.IncidentKind.Cyber), "alice")).Value;
        var rows = Enumerable.Range(0, 150).Select(i => new HuntDetection
        {
            Timestamp = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i),
            Computer = i % 2 == 0 ? "WS1.corp" : "DC1.corp",
            Channel = "Security",
            EventId = 4624,
            RuleTitle = i % 2 == 0 ? "Logon" : "DCSync",
            RuleId = i % 2 == 0 ? "r1" : "r2",
            Level = i % 2 == 0 ? HuntLevel.Low : HuntLevel.Critical,
            Tactics = i % 2 == 0 ? ["initial-access"] : ["credential-access"],
            Author = "Rule Author",
            Details = [new("TargetUserName", "user" + i)],
        }).ToList();
        Assert.True((await harness.Server.Service<FindingService>().ImportAsync(incident.Id, "run1", 0, true, rows, [], "alice")).IsOk);

        await page.GotoAsync($"/incidents/{incident.Id}/findings");
        Assert.Equal(100, await page.Locator("#findings-timeline tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("#findings-hosts tbody tr").CountAsync());
        await page.GetByLabel("Niveau minimal").SelectOptionAsync("critical");
        await page.Locator("#findings-filters button[type=submit]").ClickAsync();
        await BrowserHarness.WaitForUrlAsync(page, url => url.Contains("level=critical", StringComparison.Ordinal));
        Assert.Equal(75, await page.Locator("#findings-timeline tbody tr").CountAsync());
        Assert.StartsWith("DC1.corp", await page.Locator("#findings-timeline tbody tr >> nth=0 >> td.host").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#findings-timeline tbody tr >> nth=0").GetByRole(AriaRole.Button, new() { Name = "Verser à la main courante" }).ClickAsync();
        await page.Locator("#findings-timeline tbody tr >> nth=0 >> a:has-text('Dans la main courante')").WaitForAsync();
        await page.GotoAsync($"/incidents/{incident.Id}/journal");
        Assert.Contains("DCSync", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(harness.Errors);
    }
}
