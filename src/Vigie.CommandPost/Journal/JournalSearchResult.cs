namespace Vigie.CommandPost.Journal;

/// <summary>
/// A page of search results, newest first, with the words that were looked for (to mark them in the text).
/// <paramref name="NextBeforeSeq"/> is set when more results may follow (pass it as <c>beforeSeq</c>).
/// </summary>
public sealed record JournalSearchResult(IReadOnlyList<JournalEntry> Entries, IReadOnlyList<string> Terms, long? NextBeforeSeq);
