namespace Vigie.CommandPost.Journal;

/// <summary>The result of checking an incident's chain: intact or not, how many entries, the first broken seq.</summary>
public sealed record JournalVerification(bool Valid, long Entries, long? FirstBrokenSeq, string HeadHash, string? Reason);
