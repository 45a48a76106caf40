namespace Vigie.CommandPost.Checklists;

public sealed record TemplateSection(string? Title, string? TitleEn, IReadOnlyList<TemplateItem> Items);
