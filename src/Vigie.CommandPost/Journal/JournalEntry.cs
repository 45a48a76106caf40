namespace Vigie.CommandPost.Journal;

/// <summary>
/// One line of the main courante, as stored: immutable, chained to the previous one by its hash. <paramref name="Exercise"/>:
/// the entry belongs to an exercise incident and carries the EXERCICE mark in its canonical form.
/// </summary>
public sealed record JournalEntry(
    long IncidentId,
    long Seq,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Author,
    JournalKind Kind,
    string Text,
    long? CorrectsSeq,
    JournalLink? Link,
    string PrevHash,
    string Hash,
    bool Exercise = false)
{
    /// <summary>The files attached to the entry, in order (none for most entries).</summary>
    public IReadOnlyList<JournalAttachment> Attachments { get; init; } = JournalAttachment.None;
}
