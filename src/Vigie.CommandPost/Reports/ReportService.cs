using System.Globalization;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Reports;

/// <summary>
/// Builds the post-incident report (RETEX) from the incident as it stands: key times and durations, the timeline
/// of facts and decisions, the sections other features contribute (services downtime, redirected patients, hunt
/// findings), deadlines met or missed, checklists, the remediation plan, crisis actions and the journal's integrity
/// proof. The cell may set key times by hand (journaled); they take precedence over deduced ones.
/// </summary>
public sealed partial class ReportService(
    Database database,
    IncidentService incidents,
    JournalService journal,
    ActionService actions,
    DeadlineService deadlines,
    ChecklistService checklists,
    RemediationService remediation,
    AuditLog audit,
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

        var board = await deadlines.GetBoardAsync(incidentId, cancellationToken).ConfigureAwait(false);
        sections.Add(DeadlinesSection(t, board!, context));
        sections.Add(ChecklistsSection(t, await checklists.ListAsync(incidentId, cancellationToken).ConfigureAwait(false), context));
        sections.Add(RemediationSection(t, await remediation.ListAsync(new RemediationQuery(IncidentId: incidentId), cancellationToken).ConfigureAwait(false), context));
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

    private ReportSection DeadlinesSection(ReportText t, DeadlineBoard board, ReportContext context)
    {
        var rows = new List<ReportRow>();
        foreach (var d in board.Deadlines.Where(d => d.Applicability != Applicability.NotApplicable || d.Sent is not null))
        {
            var rule = d.Rule;
            var due = d.DueAt is not { } at ? t["DueWaiting"] : rule.WithoutDelay ? t["WithoutDelay"] : context.Format(at);
            var (verdict, tone) = d.Status switch
            {
                DeadlineStatus.EnvoyeeApres => (string.Format(t.Culture, t["SentAfter"], Duration(d.SentAfterStart!.Value, t)), ReportTone.Warning),
                DeadlineStatus.Envoyee => (t["Met"], ReportTone.Good),
                DeadlineStatus.EnvoyeeEnRetard => (string.Format(t.Culture, t["MissedLate"], Duration(d.Sent!.SentAt - d.DueAt!.Value, t)), ReportTone.Bad),
                DeadlineStatus.Depassee => (t["MissedNotSent"], ReportTone.Bad),
                DeadlineStatus.SansDelai => (t["OwedNow"], ReportTone.Bad),
                DeadlineStatus.EnAttente => (t["WaitingStart"], ReportTone.Normal),
                _ => (string.Format(t.Culture, t["Pending"], Duration(d.DueAt!.Value - context.Now, t)), ReportTone.Warning),
            };
            if (d.Applicability == Applicability.ToConfirm && d.Sent is null)
            {
                verdict += " " + t["ToConfirm"];
            }

            rows.Add(new ReportRow([rule.NameFor(t.English), rule.AuthorityFor(t.English), due, d.Sent is { } s ? context.Format(s.SentAt) : "—", d.Sent?.Reference ?? "—", verdict], tone));
        }

        var blocks = new List<ReportBlock> { new ReportTable([t["Notification"], t["Authority"], t["Due"], t["SentAt"], t["Reference"], t["Verdict"]], rows, [2.4, 1.8, 1.3, 1.3, 1.2, 1.8]) };
        var notApplicable = board.Deadlines.Where(d => d.Applicability == Applicability.NotApplicable && d.Sent is null).Select(d => d.Rule.NameFor(t.English)).ToList();
        if (notApplicable.Count > 0)
        {
            blocks.Add(new ReportParagraph(string.Format(t.Culture, t["NotApplicableList"], string.Join(" ; ", notApplicable))));
        }

        var answers = board.Questions.Select(q => new ReportFact(q.Question.TextFor(t.English), q.Answer is { } a ? t["Answer_" + WireName<ApplicabilityAnswer>.Of(a)] : t["NotAnswered"],
            q.Answer is null or ApplicabilityAnswer.NeSaitPas ? ReportTone.Warning : ReportTone.Normal)).ToList();
        blocks.Add(new ReportFacts(answers));
        var met = board.Deadlines.Count(d => d.Status == DeadlineStatus.Envoyee);
        var missed = board.Deadlines.Count(d => d.Status is DeadlineStatus.EnvoyeeEnRetard or DeadlineStatus.Depassee or DeadlineStatus.SansDelai);
        var withoutDelay = board.Deadlines.Count(d => d.Status == DeadlineStatus.EnvoyeeApres);
        blocks.Insert(0, new ReportParagraph(string.Format(t.Culture, t["DeadlinesSummary"], met, missed, withoutDelay), missed > 0 ? ReportTone.Bad : ReportTone.Normal));
        return new ReportSection("deadlines", 50, t["SectionDeadlines"], blocks);
    }

    private static ReportSection ChecklistsSection(ReportText t, IReadOnlyList<Checklist> lists, ReportContext context)
    {
        var blocks = new List<ReportBlock>();
        if (lists.Count == 0)
        {
            blocks.Add(new ReportParagraph(t["ChecklistsNone"]));
        }

        foreach (var list in lists)
        {
            blocks.Add(new ReportParagraph(string.Format(t.Culture, t["ChecklistProgress"], list.NameFor(t.English), list.Done, list.Items.Count, context.Format(list.AppliedAt))));
            blocks.Add(new ReportTable([t["Seq"], t["Item"], t["DoneAt"], t["DoneBy"]],
                list.Items.Select(i => new ReportRow([i.Position.ToString(CultureInfo.InvariantCulture), i.TextFor(t.English) + (i.Note is null ? "" : $" ({i.Note})"),
                    i.CheckedAt is { } at ? context.Format(at) : t["NotDone"], i.CheckedBy ?? "—"], i.Checked ? ReportTone.Good : ReportTone.Warning)).ToList(),
                [0.5, 6, 1.5, 1.3]));
        }

        return new ReportSection("checklists", 60, t["SectionChecklists"], blocks);
    }

    private static ReportSection RemediationSection(ReportText t, IReadOnlyList<RemediationMeasure> measures, ReportContext context)
    {
        if (measures.Count == 0)
        {
            return new ReportSection("remediation", 80, t["SectionRemediation"], [new ReportParagraph(t["RemediationNone"], ReportTone.Warning)]);
        }

        var rows = measures.Select(m => new ReportRow(
        [
            m.Id.ToString(CultureInfo.InvariantCulture), m.Title, CareDomains.Label(m.Category, t.English), m.Owner, m.DueAt is { } d ? context.Format(d) : "—",
            t["Status_" + WireName<ActionStatus>.Of(m.Status)] + (m.IsOverdue(context.Now) ? " — " + t["Overdue"] : ""),
        ], m.Status == ActionStatus.Fait ? ReportTone.Good : m.IsOverdue(context.Now) ? ReportTone.Bad : ReportTone.Normal)).ToList();
        var byDomain = Enum.GetValues<Remediation.CareDomain>().Select(k => (k, all: measures.Count(m => m.Category == k), done: measures.Count(m => m.Category == k && m.Status == ActionStatus.Fait)))
            .Where(x => x.all > 0).Select(x => new ReportFact(CareDomains.Label(x.k, t.English), string.Format(t.Culture, t["DoneOf"], x.done, x.all))).ToList();
        return new ReportSection("remediation", 80, t["SectionRemediation"],
        [
            new ReportParagraph(string.Format(t.Culture, t["RemediationSummary"], measures.Count, measures.Count(m => m.Status == ActionStatus.Fait), measures.Count(m => m.IsOverdue(context.Now)))),
            new ReportTable([t["Seq"], t["Measure"], t["CareDomain"], t["Owner"], t["Due"], t["Status"]], rows, [0.5, 3.5, 2, 1.5, 1.4, 1.4]),
            new ReportFacts(byDomain),
        ]);
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
