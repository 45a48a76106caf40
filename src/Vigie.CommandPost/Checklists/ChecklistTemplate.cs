namespace Vigie.CommandPost.Checklists;

/// <summary>A reflex checklist template (data file): sections of items, French and English.</summary>
public sealed record ChecklistTemplate(string Id, string Name, string NameEn, string? Description, string? DescriptionEn, IReadOnlyList<TemplateSection> Sections, string Origin)
{
    public string NameFor(bool english) => english ? NameEn : Name;

    public int ItemCount => Sections.Sum(s => s.Items.Count);
}
