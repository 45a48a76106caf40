namespace Vigie.Web.Journal;

/// <summary>Searching the journal: the form and the results (French in JournalSearchText.resx, English in JournalSearchText.en.resx).</summary>
public sealed class JournalSearchText
{
}
