namespace Vigie.Web.Journal;

/// <summary>The journal (main courante): section and print view (French default in JournalText.resx, English in JournalText.en.resx).</summary>
public sealed class JournalText
{
}
