using System.Globalization;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Reports;

/// <summary>
/// Builds the post-incident report (RETEX) from the incident as it stands: key times and durations, the timeline
/// of facts and decisions, the sections other features contribute (<see cref="IReportContributor"/>: services downtime,
/// redirected patients, deadlines met or missed, checklists, hunt findings, the remediation plan), crisis actions and
/// the journal's integrity proof. The cell may set key times by hand (journaled); they take precedence over deduced ones.
/// </summary>
public sealed partial class ReportService(
    Database database,
    IncidentService incidents,
    JournalService journal,
    ActionService actions,
    AuditLog audit, ChangeRecorder changes,
    IEnumerable<IReportContributor> contributors,
    HospitalClock clock)
{
    public const string Topic = "report";

    /// <summary>Sections other features are expected to contribute; without a contributor the report says the data is not in Vigie.</summary>
    public static readonly IReadOnlyList<(string Key, int Order, string TitleKey)> ExpectedSections =
    [
        ("services_downtime", 30, "SectionServicesDowntime"),
        ("redirections", 40, "SectionRedirections"),
    ];

    private TimeZoneInfo Zone => clock.Zone;

    public async Task<PostIncidentReport?> BuildAsync(long incidentId, CultureInfo culture, string generatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var incident = await incidents.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (incident is null)
        {
            return null;
        }

        var t = ReportText.For(culture);
        var now = Time.Truncate(clock.GetUtcNow());
        var context = new ReportContext(incident, t.Culture, Zone, now);
        var sections = new List<ReportSection>();
        var keyTimes = await KeyTimesAsync(incident, context, cancellationToken).ConfigureAwait(false);
        sections.Add(KeyTimesSection(t, keyTimes, context));
        var entries = await journal.ListAsync(incidentId, new JournalQuery(), cancellationToken).ConfigureAwait(false);
        sections.Add(TimelineSection(t, entries, context));

        var contributed = new List<ReportSection>();
        foreach (var contributor in contributors)
        {
            contributed.AddRange(await contributor.SectionsAsync(context, cancellationToken).ConfigureAwait(false));
        }

        sections.AddRange(contributed);
        foreach (var (key, order, titleKey) in ExpectedSections.Where(e => contributed.All(c => c.Key != e.Key)))
        {
            sections.Add(new ReportSection(key, order, t[titleKey], [new ReportParagraph(t["NotRecorded"], ReportTone.Warning)]));
        }

        sections.Add(ActionsSection(t, await actions.ListAsync(incidentId, cancellationToken).ConfigureAwait(false), context));
        var verification = (await journal.VerifyAsync(incidentId, cancellationToken).ConfigureAwait(false))!;
        sections.Add(IntegritySection(t, verification, context));

        var summary = new List<ReportFact>
        {
            new(t["Incident"], string.Create(CultureInfo.InvariantCulture, $"{incident.Title} (n°{incident.Id})")),
            new(t["Site"], incident.Site ?? "—"),
            new(t["Severity"], t["Severity_" + WireName<Severity>.Of(incident.Severity)]),
            new(t["Phase"], t["Phase_" + WireName<IncidentPhase>.Of(incident.Phase)]),
            new(t["Detected"], context.Format(incident.DetectedAt)),
            new(t["Declared"], context.Format(incident.DeclaredAt)),
            new(t["GeneratedAt"], $"{context.Format(now)} ({t["TimeZone"]} {Zone.Id}), {generatedBy}"),
        };
        var title = t["ReportTitle"];
        var subtitle = incident.Site is { } site && !incident.Title.Contains(site, StringComparison.OrdinalIgnoreCase) ? $"{incident.Title} — {site}" : incident.Title;
        var footer = string.Format(t.Culture, t["Footer"], incident.Id, incident.JournalCount, incident.JournalHead[..16]);
        return new PostIncidentReport(incident, t.English ? "en" : "fr", title, subtitle, now, generatedBy, summary,
            sections.OrderBy(s => s.Order).ToList(), verification, footer);
    }

    /// <summary>Audits a download (PDF) or a print of the report.</summary>
    public Task AuditAsync(long incidentId, string actor, string what, CancellationToken cancellationToken = default) =>
        audit.WriteAsync(actor, "report." + what, $"incident:{incidentId}", null, null, cancellationToken);

    private static string Duration(TimeSpan span, ReportText t) => LocalTimeText.Duration(span, t.English);

    private static ReportSection KeyTimesSection(ReportText t, IReadOnlyList<KeyTimeValue> keyTimes, ReportContext context)
    {
        var detection = keyTimes.First(k => k.Key == KeyTime.Detection).At!.Value;
        var rows = new List<ReportRow>();
        DateTimeOffset? previous = null;
        foreach (var k in keyTimes)
        {
            var label = t["KeyTime_" + WireName<KeyTime>.Of(k.Key)];
            if (k.At is not { } at)
            {
                rows.Add(new ReportRow([label, t["Unknown"], "—", "—", t["NotRecordedShort"]], ReportTone.Warning));
                continue;
            }

            rows.Add(new ReportRow([label, context.Format(at), Duration(at - detection, t), previous is { } p ? Duration(at - p, t) : "—",
                k.SetBy is not null ? string.Format(t.Culture, t["SetBy"], k.SetBy) : k.Source ?? ""]));
            previous = at;
        }

        var blocks = new List<ReportBlock> { new ReportTable([t["Step"], t["When"], t["SinceDetection"], t["SincePrevious"], t["Source"]], rows, [2.2, 1.5, 1.2, 1.2, 2.4]) };
        var facts = new List<ReportFact>();
        if (keyTimes.First(k => k.Key == KeyTime.FermetureUrgences).At is { } closed)
        {
            var reopened = keyTimes.First(k => k.Key == KeyTime.ReouvertureUrgences).At;
            facts.Add(new ReportFact(t["EdClosedFor"], reopened is { } r ? Duration(r - closed, t) : string.Format(t.Culture, t["StillClosed"], Duration(context.Now - closed, t)),
                reopened is null ? ReportTone.Warning : ReportTone.Normal));
        }

        if (keyTimes.First(k => k.Key == KeyTime.RetourNormale).At is { } normal)
        {
            facts.Add(new ReportFact(t["CrisisDuration"], Duration(normal - detection, t)));
        }
        else
        {
            facts.Add(new ReportFact(t["CrisisDuration"], string.Format(t.Culture, t["Ongoing"], Duration(context.Now - detection, t)), ReportTone.Warning));
        }

        blocks.Add(new ReportFacts(facts));
        return new ReportSection("key_times", 10, t["SectionKeyTimes"], blocks);
    }

    private static ReportSection TimelineSection(ReportText t, IReadOnlyList<JournalEntry> entries, ReportContext context)
    {
        var chosen = entries.Where(e => e.Kind is JournalKind.Fait or JournalKind.Decision).ToList();
        var corrected = entries.Where(e => e.CorrectsSeq is not null).Select(e => e.CorrectsSeq!.Value).ToHashSet();
        var rows = chosen.Select(e => new ReportRow(
        [
            e.Seq.ToString(CultureInfo.InvariantCulture),
            context.Format(e.OccurredAt),
            t["Kind_" + WireName<JournalKind>.Of(e.Kind)],
            e.Author,
            (e.CorrectsSeq is { } c ? string.Format(t.Culture, t["Corrects"], c) + " " : "") + e.Text + (corrected.Contains(e.Seq) ? " " + t["CorrectedLater"] : ""),
        ], e.Kind == JournalKind.Decision ? ReportTone.Normal : ReportTone.Normal)).ToList();
        IReadOnlyList<ReportBlock> blocks = rows.Count == 0
            ? [new ReportParagraph(t["TimelineEmpty"])]
            : [new ReportParagraph(string.Format(t.Culture, t["TimelineIntro"], rows.Count, entries.Count)), new ReportTable([t["Seq"], t["When"], t["Kind"], t["Author"], t["Text"]], rows, [0.6, 1.5, 1, 1.2, 6])];
        return new ReportSection("timeline", 20, t["SectionTimeline"], blocks);
    }

    private static ReportSection ActionsSection(ReportText t, IReadOnlyList<CrisisAction> list, ReportContext context)
    {
        if (list.Count == 0)
        {
            return new ReportSection("actions", 85, t["SectionActions"], [new ReportParagraph(t["ActionsNone"])]);
        }

        var rows = list.Select(a => new ReportRow([a.Title, a.Owner, a.DueAt is { } d ? context.Format(d) : "—", t["Status_" + WireName<ActionStatus>.Of(a.Status)]],
            a.Status == ActionStatus.Fait ? ReportTone.Good : a.IsOverdue(context.Now) ? ReportTone.Bad : ReportTone.Normal)).ToList();
        return new ReportSection("actions", 85, t["SectionActions"],
        [
            new ReportParagraph(string.Format(t.Culture, t["ActionsSummary"], list.Count, list.Count(a => a.Status == ActionStatus.Fait), list.Count(a => a.IsOpen))),
            new ReportTable([t["Action"], t["Owner"], t["Due"], t["Status"]], rows, [4, 1.8, 1.5, 1.3]),
        ]);
    }

    private static ReportSection IntegritySection(ReportText t, JournalVerification verification, ReportContext context)
    {
        var facts = new List<ReportFact>
        {
            new(t["Entries"], verification.Entries.ToString(CultureInfo.InvariantCulture)),
            new(t["HeadHash"], verification.HeadHash),
            new(t["Verification"], verification.Valid ? t["ChainIntact"] : string.Format(t.Culture, t["ChainBroken"], verification.FirstBrokenSeq, verification.Reason),
                verification.Valid ? ReportTone.Good : ReportTone.Bad),
            new(t["VerifiedAt"], context.Format(context.Now)),
        };
        return new ReportSection("integrity", 90, t["SectionIntegrity"], [new ReportParagraph(t["IntegrityIntro"]), new ReportFacts(facts)]);
    }
}
