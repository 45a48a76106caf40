namespace Vigie.CommandPost.Checklists;

/// <summary>
/// A reflex checklist template (data file): sections of items, French and English. <paramref name="SuggestedFor"/> (incident
/// kinds as wire names: <c>cyber</c>, <c>other</c>) and <paramref name="Keywords"/> (words of an incident's title) say which
/// incidents it fits, so the picker proposes it first (<see cref="ChecklistTemplates.Suggest"/>).
/// </summary>
public sealed record ChecklistTemplate(string Id, string Name, string NameEn, string? Description, string? DescriptionEn, IReadOnlyList<TemplateSection> Sections, string Origin,
    IReadOnlyList<string>? SuggestedFor = null, IReadOnlyList<string>? Keywords = null)
{
    public string NameFor(bool english) => english ? NameEn : Name;

    public int ItemCount => Sections.Sum(s => s.Items.Count);
}
