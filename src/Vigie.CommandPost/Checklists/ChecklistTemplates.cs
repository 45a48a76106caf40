namespace Vigie.CommandPost.Checklists;

/// <summary>The templates in force and the files that could not be used (with why).</summary>
public sealed record ChecklistTemplates(IReadOnlyList<ChecklistTemplate> Templates, IReadOnlyList<string> Warnings)
{
    public ChecklistTemplate? Find(string id) => Templates.FirstOrDefault(t => t.Id == id);
}
