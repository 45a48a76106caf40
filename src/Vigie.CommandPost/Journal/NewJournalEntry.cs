namespace Vigie.CommandPost.Journal;

/// <summary>
/// What a person or a feature asks to append. OccurredAt defaults to the recording time and is never later than it.
/// <paramref name="OccurredAtReason"/>: why a person's entry happened before the incident's detection (required then;
/// it becomes part of the entry's text, so the chain covers it).
/// </summary>
public sealed record NewJournalEntry(
    JournalKind Kind,
    string Text,
    DateTimeOffset? OccurredAt = null,
    long? CorrectsSeq = null,
    JournalLink? Link = null,
    string? OccurredAtReason = null)
{
    public const int MaxAttachments = 10;

    /// <summary>Files to attach (already stored by their SHA-256); at most <see cref="MaxAttachments"/>.</summary>
    public IReadOnlyList<NewAttachment> Attachments { get; init; } = NewAttachment.None;
}
