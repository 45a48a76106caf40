namespace Vigie.CommandPost.Journal;

/// <summary>
/// What to look for in an incident's journal: words of the text (<paramref name="Text"/>: every word must start a word
/// of the entry, accents and case ignored), an author, a kind, a range of <c>occurredAt</c> (both ends included).
/// Newest first; <paramref name="BeforeSeq"/> continues from the previous page.
/// </summary>
public sealed record JournalSearchQuery(
    string? Text = null,
    string? Author = null,
    JournalKind? Kind = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = JournalSearchQuery.DefaultLimit,
    long? BeforeSeq = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxTerms = 16;
    public const int MaxTermLength = 64;

    /// <summary>Whether anything narrows the journal (a search rather than the whole list).</summary>
    public bool HasCriteria => !string.IsNullOrWhiteSpace(Text) || !string.IsNullOrWhiteSpace(Author) || Kind is not null || From is not null || To is not null;
}
