namespace Vigie.CommandPost.Journal;

/// <summary>What a person or a feature asks to append. OccurredAt defaults to the recording time.</summary>
public sealed record NewJournalEntry(
    JournalKind Kind,
    string Text,
    DateTimeOffset? OccurredAt = null,
    long? CorrectsSeq = null,
    JournalLink? Link = null)
{
    public const int MaxAttachments = 10;

    /// <summary>Files to attach (already stored by their SHA-256); at most <see cref="MaxAttachments"/>.</summary>
    public IReadOnlyList<NewAttachment> Attachments { get; init; } = NewAttachment.None;
}
