using System.Globalization;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Reports;

namespace Vigie.CommandPost.Deadlines;

/// <summary>The report's deadlines section: each notification met or missed, what does not apply, the answers that decided it. The board is read through <c>deadlines</c> when the report is built (the deadline service itself reads the contributors for its drafts).</summary>
public sealed class DeadlinesReportContributor(Func<DeadlineService> deadlines) : IReportContributor
{
    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var board = await deadlines().GetBoardAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        return board is null ? [] : [DeadlinesSection(ReportText.For(context.Culture), board, context)];
    }

    private static string Duration(TimeSpan span, ReportText t) => LocalTimeText.Duration(span, t.English);

    private static ReportSection DeadlinesSection(ReportText t, DeadlineBoard board, ReportContext context)
    {
        var rows = new List<ReportRow>();
        foreach (var d in board.Deadlines.Where(d => d.Applicability != Applicability.NotApplicable || d.Sent is not null))
        {
            var rule = d.Rule;
            var due = d.DueAt is not { } at ? t["DueWaiting"] : rule.WithoutDelay ? t["WithoutDelay"] : context.Format(at);
            var (verdict, tone) = d.Status switch
            {
                DeadlineStatus.Envoyee when rule.WithoutDelay && d.StartAt is { } start => (string.Format(t.Culture, t["SentAfter"], Duration(d.Sent!.SentAt - start, t)), ReportTone.Good),
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
        blocks.Insert(0, new ReportParagraph(string.Format(t.Culture, t["DeadlinesSummary"], met, missed), missed > 0 ? ReportTone.Bad : ReportTone.Normal));
        return new ReportSection("deadlines", 50, t["SectionDeadlines"], blocks);
    }
}
