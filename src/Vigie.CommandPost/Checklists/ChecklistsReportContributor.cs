using System.Globalization;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Reports;

namespace Vigie.CommandPost.Checklists;

/// <summary>The report's checklists section: each reflex checklist applied, item by item, with who did it and when.</summary>
public sealed class ChecklistsReportContributor(ChecklistService checklists) : IReportContributor
{
    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lists = await checklists.ListAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        return [ChecklistsSection(ReportText.For(context.Culture), lists, context)];
    }

    private static string Duration(TimeSpan span, ReportText t) => LocalTimeText.Duration(span, t.English);

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
}
