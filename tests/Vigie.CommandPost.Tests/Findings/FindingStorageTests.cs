using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;
using Vigie.Hunt;

namespace Vigie.CommandPost.Tests.Findings;

/// <summary>Findings on both databases: bulk import (idempotent batches), keyset paging with filters, per-host summary, statistics, pin to the journal.</summary>
public sealed class FindingStorageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static readonly DateTime s_start = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>n detections, one a minute, over three hosts; every third is high and tagged lateral-movement.</summary>
    private static List<HuntDetection> Detections(int n, int offset = 0) => Enumerable.Range(offset, n).Select(i => new HuntDetection
    {
        Timestamp = s_start.AddMinutes(i),
        Computer = $"WS{i % 3}.corp",
        Channel = "Security",
        EventId = 4624,
        RecordId = i,
        RuleTitle = i % 3 == 0 ? "Pass the hash" : "Logon",
        RuleId = i % 3 == 0 ? "r-pth" : "r-logon",
        Level = i % 3 == 0 ? HuntLevel.High : HuntLevel.Low,
        Tactics = i % 3 == 0 ? ["lateral-movement", "credential-access"] : ["initial-access"],
        Techniques = ["T1550.002"],
        Author = "Auteur, l'équipe",
        Details = [new("TargetUserName", $"user{i}"), new("IpAddress", "10.0.0." + (i % 250))],
        SourceFile = "/logs/security.evtx",
    }).ToList();

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenABatchIsSentTwice_StoresItOnce(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var first = await s.Findings.ImportAsync(incident.Id, "run1", 0, false, Detections(250), [], "hunter");
        Assert.True(first.IsOk, first.Problem?.Message);
        Assert.Equal(250, first.Value.Imported);
        var again = await s.Findings.ImportAsync(incident.Id, "run1", 0, false, Detections(250), [], "hunter");
        Assert.Equal(0, again.Value.Imported);
        Assert.Equal(250, again.Value.Duplicates);
        var last = await s.Findings.ImportAsync(incident.Id, "run1", 1, true, Detections(10, 250), ["line 3: timestamp: missing"], "hunter");
        Assert.Equal(10, last.Value.Imported);
        Assert.Equal(1, last.Value.Rejected);

        var statistics = await s.Findings.StatisticsAsync(incident.Id);
        Assert.Equal(260, statistics.Total);
        Assert.Equal(87, statistics.ByLevel[HuntLevel.High]);
        Assert.Equal(173, statistics.ByLevel[HuntLevel.Low]);
        Assert.Equal(s_start, statistics.FirstDetection!.Value.UtcDateTime);
        Assert.Equal(s_start.AddMinutes(259), statistics.LastDetection!.Value.UtcDateTime);
        Assert.Equal(87, statistics.ByTactic.Single(t => t.Key == "lateral-movement").Value);
        Assert.Equal("Logon", statistics.TopRules[0].Title);
        Assert.Equal("Auteur, l'équipe", statistics.TopRules[0].Author);
        Assert.Equal(3, statistics.ByHost.Count);

        var journal = await s.Journal.ListAsync(incident.Id, new JournalQuery());
        Assert.Contains(journal, e => e.Text.Contains("260 détection(s)", StringComparison.Ordinal) && e.Link == new JournalLink("finding-run", "run1"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task List_PagesInTimeOrderWithFilters_AndEveryRowOnce(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var other = await s.NewIncidentAsync("Autre");
        Assert.True((await s.Findings.ImportAsync(incident.Id, "run1", 0, true, Detections(230), [], "hunter")).IsOk);
        Assert.True((await s.Findings.ImportAsync(other.Id, "run1", 0, true, Detections(5), [], "hunter")).IsOk);

        var seen = new List<Finding>();
        string? cursor = null;
        do
        {
            var page = await s.Findings.ListAsync(incident.Id, new FindingFilter(), cursor, 100);
            Assert.True(page.IsOk);
            seen.AddRange(page.Value.Items);
            cursor = page.Value.Next;
        }
        while (cursor is not null);

        Assert.Equal(230, seen.Count);
        Assert.Equal(seen.OrderBy(f => f.DetectedAt).ThenBy(f => f.Id).Select(f => f.Id), seen.Select(f => f.Id));
        Assert.Equal(230, seen.Select(f => f.Id).Distinct().Count());
        var one = seen[7];
        Assert.Equal(["lateral-movement", "credential-access"], seen[6].Tactics);
        Assert.Equal(new KeyValuePair<string, string>("TargetUserName", "user7"), one.Details[0]);

        var high = await s.Findings.ListAsync(incident.Id, new FindingFilter(MinLevel: HuntLevel.High, Computer: "WS0.corp"), null, 1000);
        Assert.Equal(77, high.Value.Items.Count);
        Assert.All(high.Value.Items, f => Assert.Equal(HuntLevel.High, f.Level));
        var tactic = await s.Findings.ListAsync(incident.Id, new FindingFilter(Tactic: "credential-access"), null, 1000);
        Assert.Equal(77, tactic.Value.Items.Count);
        var rule = await s.Findings.ListAsync(incident.Id, new FindingFilter(Rule: "r-logon", From: s_start.AddMinutes(10), To: s_start.AddMinutes(19)), null, 1000);
        Assert.Equal(7, rule.Value.Items.Count);

        var bad = await s.Findings.ListAsync(incident.Id, new FindingFilter(), "garbage", 100);
        Assert.Equal("after", bad.Problem!.Field);

        var hosts = await s.Findings.HostsAsync(incident.Id, new FindingFilter());
        var ws0 = hosts.Single(h => h.Computer == "WS0.corp");
        Assert.Equal(77, ws0.Count);
        Assert.Equal(s_start, ws0.First.UtcDateTime);
        Assert.Equal(s_start.AddMinutes(228), ws0.Last.UtcDateTime);
        Assert.Equal(77, ws0.ByTactic["lateral-movement"]);
        Assert.False(ws0.ByTactic.ContainsKey("initial-access"));

        // the time-filtered path counts the findings themselves; over the whole range it agrees with the summary table
        var scanned = await s.Findings.HostsAsync(incident.Id, new FindingFilter(From: s_start.AddDays(-1)));
        Assert.Equal(hosts.Select(h => (h.Computer, h.Count, h.First, h.Last)), scanned.Select(h => (h.Computer, h.Count, h.First, h.Last)));
        var partial = await s.Findings.HostsAsync(incident.Id, new FindingFilter(To: s_start.AddMinutes(29)));
        Assert.Equal(10, partial.Single(h => h.Computer == "WS0.corp").Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Pin_AddsAFaitEntryLinkedToTheFinding_Once(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        Assert.True((await s.Findings.ImportAsync(incident.Id, "run1", 0, true, Detections(3), [], "hunter")).IsOk);
        var finding = (await s.Findings.ListAsync(incident.Id, new FindingFilter(), null, 10)).Value.Items[0];

        var pinned = await s.Findings.PinAsync(incident.Id, finding.Id, "scribe", "Premier mouvement latéral.");
        Assert.True(pinned.IsOk, pinned.Problem?.Message);
        Assert.Equal(JournalKind.Fait, pinned.Value.Kind);
        Assert.Equal(new JournalLink("finding", finding.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), pinned.Value.Link);
        Assert.Contains("Pass the hash", pinned.Value.Text, StringComparison.Ordinal);
        Assert.Contains("WS0.corp", pinned.Value.Text, StringComparison.Ordinal);
        Assert.Contains("Premier mouvement latéral.", pinned.Value.Text, StringComparison.Ordinal);
        Assert.Equal(finding.DetectedAt, pinned.Value.OccurredAt);
        var stored = await s.Findings.GetAsync(incident.Id, finding.Id);
        Assert.NotNull(stored);
        Assert.Equal(pinned.Value.Seq, stored.PinnedSeq);

        var twice = await s.Findings.PinAsync(incident.Id, finding.Id, "scribe", null);
        Assert.Equal(ProblemKind.Conflict, twice.Problem!.Kind);
        var missing = await s.Findings.PinAsync(incident.Id, 999_999, "scribe", null);
        Assert.Equal(ProblemKind.NotFound, missing.Problem!.Kind);
        Assert.True((await s.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ReportContributor_GivesTheFindingsSectionOnlyWhenThereAreFindings(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var contributor = new FindingsReportContributor(s.Findings);
        var context = new ReportContext(incident, new System.Globalization.CultureInfo("fr-FR"), TimeZoneInfo.Utc, DateTimeOffset.UtcNow);
        Assert.Empty(await contributor.SectionsAsync(context, CancellationToken.None));

        Assert.True((await s.Findings.ImportAsync(incident.Id, "run1", 0, true, Detections(30), [], "hunter")).IsOk);
        var section = Assert.Single(await contributor.SectionsAsync(context, CancellationToken.None));
        Assert.Equal(("findings", 70), (section.Key, section.Order));
        var facts = Assert.IsType<ReportFacts>(section.Blocks[0]);
        Assert.Equal("30", facts.Facts[0].Value);
        Assert.Equal("01/03/2024 08:00", facts.Facts[3].Value);
        var rules = section.Blocks.OfType<ReportTable>().Last();
        Assert.Contains(rules.Rows, r => r.Cells[0] == "Pass the hash" && r.Cells[2] == "Auteur, l'équipe" && r.Cells[3] == "10");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenTheIncidentOrRunIsWrong_WritesNothing(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        Assert.Equal(ProblemKind.NotFound, (await s.Findings.ImportAsync(999_999, "run1", 0, true, Detections(2), [], "hunter")).Problem!.Kind);
        Assert.Equal("run", (await s.Findings.ImportAsync(incident.Id, "bad run id!", 0, true, Detections(2), [], "hunter")).Problem!.Field);
        Assert.Equal(0, (await s.Findings.StatisticsAsync(incident.Id)).Total);
    }
    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_EveryNewBatchIsAuditedAndAnnounced_OnlyTheFinalOneJournaled(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var changes = new List<IncidentChange>();
        s.Database.Feed.Changed += changes.Add;
        var entriesBefore = (await s.Journal.ListAsync(incident.Id, new JournalQuery())).Count;

        Assert.True((await s.Findings.ImportAsync(incident.Id, "run1", 0, false, Detections(5), ["line 2: level: unknown"], "hunter", rejectedCount: 2)).IsOk);
        Assert.Contains(new IncidentChange(incident.Id, FindingService.Topic), changes);
        Assert.Equal(entriesBefore, (await s.Journal.ListAsync(incident.Id, new JournalQuery())).Count);
        changes.Clear();
        Assert.Equal(0, (await s.Findings.ImportAsync(incident.Id, "run1", 0, false, Detections(5), [], "hunter")).Value.Imported);
        Assert.Empty(changes);
        Assert.True((await s.Findings.ImportAsync(incident.Id, "run1", 1, true, Detections(3, 5), [], "hunter")).IsOk);
        Assert.Contains(new IncidentChange(incident.Id, FindingService.Topic), changes);
        Assert.Equal(entriesBefore + 1, (await s.Journal.ListAsync(incident.Id, new JournalQuery())).Count);

        var lines = (await s.Database.ReadAsync(async c => (await c.QueryAsync<(string Actor, string Target, string Detail)>(
            "SELECT actor, target, detail FROM audit_log WHERE action = 'finding.import' ORDER BY id")).ToList())).ToList();
        Assert.Equal([
            ("hunter", $"incident:{incident.Id}/run:run1/batch:0", "5 finding(s), 2 rejected"),
            ("hunter", $"incident:{incident.Id}/run:run1/batch:1", "3 finding(s), 0 rejected"),
        ], lines);
    }
}
