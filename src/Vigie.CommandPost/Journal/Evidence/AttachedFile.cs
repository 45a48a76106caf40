namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>A file attached to an incident's journal, with its entry's seq and time.</summary>
public sealed record AttachedFile(long Seq, DateTimeOffset OccurredAt, JournalAttachment File);
