namespace Vigie.CommandPost.Checklists;

/// <summary>A reflex checklist applied to an incident, with its items (copied from the template when applied).</summary>
public sealed record Checklist(long Id, long IncidentId, string TemplateId, string Name, string NameEn, DateTimeOffset AppliedAt, string AppliedBy, long JournalSeq, IReadOnlyList<ChecklistItem> Items)
{
    public int Done => Items.Count(i => i.Checked);

    public string NameFor(bool english) => english ? NameEn : Name;
}
