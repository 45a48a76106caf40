using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// A stimulus of an exercise as the animators see it: the chronogramme's line with its hidden parts (expected reaction,
/// deliverable, notes) and its state. Due = planned offset + shift. Never sent to a player: players get <see cref="ReceivedStimulus"/>.
/// </summary>
public sealed record Stimulus(
    long Id,
    long IncidentId,
    string Number,
    int Sort,
    TimeSpan Offset,
    TimeSpan Shift,
    StimulusChannel Channel,
    string Sender,
    IReadOnlyList<string> Recipients,
    string? Title,
    string Content,
    string? Expected,
    string? Deliverable,
    string? Notes,
    IReadOnlyList<string> Objectives,
    string? ArtifactName,
    ArtifactFormat? ArtifactFormat,
    int SourceLine,
    bool Unplanned,
    StimulusStatus Status,
    DateTimeOffset? PlayedAt,
    TimeSpan? PlayedElapsed,
    long? JournalSeq,
    long? Findings,
    string? HuntNote)
{
    public TimeSpan Due => Offset + Shift;

    public bool IsPending => Status is StimulusStatus.Prevu or StimulusStatus.Decale;

    /// <summary>Addressed to everyone, or to one of <paramref name="keys"/>.</summary>
    public bool IsFor(IReadOnlyCollection<string> keys) =>
        Recipients.Contains(RecipientCatalog.Everyone) || Recipients.Any(keys.Contains);
}
