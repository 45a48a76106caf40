using Vigie.CommandPost.Journal;

namespace Vigie.Web.Journal;

public sealed record JournalPage(long IncidentId, long AfterSeq, int Limit, int Count, long? NextAfterSeq, IReadOnlyList<JournalEntry> Entries);

/// <summary>A page of search results, newest first; nextBeforeSeq is set when more may follow.</summary>
public sealed record JournalSearchPage(long IncidentId, IReadOnlyList<string> Terms, int Count, long? NextBeforeSeq, IReadOnlyList<JournalEntry> Entries);
