namespace Vigie.CommandPost.Deadlines;

/// <summary>A notification marked sent: when, by whom, the reference the authority gave, the deadline it had then.</summary>
public sealed record SentNotification(
    string DeadlineId,
    string DeadlineName,
    string Authority,
    DateTimeOffset SentAt,
    string SentBy,
    string Reference,
    DateTimeOffset? DueAt,
    DateTimeOffset RecordedAt,
    int? DraftVersion,
    long JournalSeq);
