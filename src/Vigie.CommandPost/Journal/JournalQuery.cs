namespace Vigie.CommandPost.Journal;

/// <summary>Which entries to read: after a seq, at most Limit, optionally of one kind, oldest or newest first.</summary>
public sealed record JournalQuery(long AfterSeq = 0, int Limit = JournalQuery.DefaultLimit, JournalKind? Kind = null, bool NewestFirst = false, long? BeforeSeq = null)
{
    /// <summary>The API's default page size: everything up to 10,000 entries.</summary>
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 10_000;
}
