using System.Globalization;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Reports;

namespace Vigie.CommandPost.Remediation;

/// <summary>The report's remediation section: the plan's measures, their state, and the count per CaRE domain.</summary>
public sealed class RemediationReportContributor(RemediationService remediation) : IReportContributor
{
    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var measures = await remediation.ListAsync(new RemediationQuery(IncidentId: context.Incident.Id), cancellationToken).ConfigureAwait(false);
        return [RemediationSection(ReportText.For(context.Culture), measures, context)];
    }

    private static string Duration(TimeSpan span, ReportText t) => LocalTimeText.Duration(span, t.English);

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
}
