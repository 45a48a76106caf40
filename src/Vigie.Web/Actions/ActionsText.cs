namespace Vigie.Web.Actions;

/// <summary>Actions of the crisis cell (French default in ActionsText.resx, English in ActionsText.en.resx).</summary>
public sealed class ActionsText
{
}
