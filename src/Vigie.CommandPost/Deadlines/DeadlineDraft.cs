namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// A notification's text: the latest saved version (<paramref name="Version"/> &gt; 0), or the text prefilled from
/// the incident (version 0). <paramref name="Final"/>: validated as the text sent, and journaled.
/// </summary>
public sealed record DeadlineDraft(string DeadlineId, int Version, string Text, bool Final, DateTimeOffset? SavedAt, string? SavedBy, long? JournalSeq)
{
    public const int MaxLength = 15_000;

    public bool Prefilled => Version == 0;
}
