namespace Vigie.Web.Deadlines;

/// <summary>Legal deadlines pages (French default in DeadlinesText.resx, English in DeadlinesText.en.resx).</summary>
public sealed class DeadlinesText
{
}
