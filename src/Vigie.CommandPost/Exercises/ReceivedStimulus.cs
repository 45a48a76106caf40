using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// A played stimulus as its recipients see it: a card of its channel (who calls and what they say, the paper document ...).
/// It has no field for the animators' notes, the expected reaction or the deliverable: a player can never be sent them.
/// </summary>
public sealed record ReceivedStimulus(
    long Id,
    long IncidentId,
    string Number,
    StimulusChannel Channel,
    string Sender,
    IReadOnlyList<string> Recipients,
    string? Title,
    string Content,
    string? ArtifactName,
    DateTimeOffset PlayedAt,
    TimeSpan PlayedElapsed,
    bool Read,
    IReadOnlyList<StimulusReaction> Reactions)
{
    public static ReceivedStimulus From(Stimulus s, bool read, IReadOnlyList<StimulusReaction> reactions)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.IncidentId, s.Number, s.Channel, s.Sender, s.Recipients, s.Title, s.Content, s.ArtifactName,
            s.PlayedAt ?? DateTimeOffset.MinValue, s.PlayedElapsed ?? TimeSpan.Zero, read, reactions);
    }
}
