namespace Vigie.Web.Checklists;

/// <summary>Reflex checklist pages (French default in ChecklistsText.resx, English in ChecklistsText.en.resx).</summary>
public sealed class ChecklistsText
{
}
