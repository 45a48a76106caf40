using Vigie.CommandPost.Journal;

namespace Vigie.Web.Journal;

public sealed record JournalPage(long IncidentId, long AfterSeq, int Limit, int Count, long? NextAfterSeq, IReadOnlyList<JournalEntry> Entries);
