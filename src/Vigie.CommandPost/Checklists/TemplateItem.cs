namespace Vigie.CommandPost.Checklists;

public sealed record TemplateItem(string Id, string Text, string TextEn, string? Hint, string? HintEn);
