namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Vigie's scenario file as YAML reads and writes it (snake_case keys, unknown keys refused; see docs/exercises.md).
/// <see cref="Played"/> is written by the export of a played exercise and ignored on import, so an export is re-importable.
/// </summary>
#pragma warning disable CA2227, CA1002 // YAML documents: settable lists are what the (de)serializer fills
public sealed class ScenarioDocument
{
    public const int CurrentVersion = 1;

    public int? VigieScenario { get; set; }

    public string? Title { get; set; }

    public string? Level { get; set; }

    public string? Duration { get; set; }

    public string? StartTime { get; set; }

    public string? Setting { get; set; }

    public string? Summary { get; set; }

    public List<ObjectiveDocument>? Objectives { get; set; }

    public List<RecipientDocument>? Recipients { get; set; }

    public StartingStateDocument? StartingState { get; set; }

    public List<StimulusDocument>? Stimuli { get; set; }

    public List<ExpectationDocument>? Expectations { get; set; }

    public PlayedDocument? Played { get; set; }

    public sealed class ObjectiveDocument
    {
        public string? Id { get; set; }

        public string? Text { get; set; }
    }

    public sealed class RecipientDocument
    {
        public string? Id { get; set; }

        public string? Label { get; set; }

        public List<string>? Aliases { get; set; }
    }

    public sealed class StartingStateDocument
    {
        public string? Phase { get; set; }

        public List<StartingServiceDocument>? Services { get; set; }
    }

    public sealed class StartingServiceDocument
    {
        public string? Service { get; set; }

        public string? Status { get; set; }

        public string? Reason { get; set; }

        public string? Diversion { get; set; }
    }

    public sealed class StimulusDocument
    {
        public string? Id { get; set; }

        /// <summary>Offset from DEBEX ("+00:45").</summary>
        public string? At { get; set; }

        /// <summary>Time of day ("02:45"), read against <see cref="ScenarioDocument.StartTime"/>.</summary>
        public string? Time { get; set; }

        public string? Channel { get; set; }

        public string? From { get; set; }

        /// <summary>A recipient, or a list of them.</summary>
        public object? To { get; set; }

        public string? Title { get; set; }

        public string? Content { get; set; }

        public string? Expected { get; set; }

        public string? Deliverable { get; set; }

        public string? Notes { get; set; }

        public List<string>? Objectives { get; set; }

        public ArtifactDocument? Artifact { get; set; }

        /// <summary>Written by the export for a stimulus added during the game.</summary>
        public bool? Unplanned { get; set; }
    }

    public sealed class ArtifactDocument
    {
        /// <summary>A file shipped with a built-in scenario.</summary>
        public string? File { get; set; }

        public string? Name { get; set; }

        public string? Format { get; set; }

        /// <summary>JSON lines, inline.</summary>
        public string? Content { get; set; }

        /// <summary>Any file (EVTX), in base64.</summary>
        public string? ContentBase64 { get; set; }
    }

    public sealed class ExpectationDocument
    {
        public string? Id { get; set; }

        public string? Objective { get; set; }

        public string? Stimulus { get; set; }

        public string? Text { get; set; }
    }

    /// <summary>What happened when the exercise was played (export only).</summary>
    public sealed class PlayedDocument
    {
        public string? Incident { get; set; }

        public string? Status { get; set; }

        public string? Debex { get; set; }

        public string? Finex { get; set; }

        public int? Speed { get; set; }

        public string? JournalHead { get; set; }

        public List<PlayedStimulusDocument>? Stimuli { get; set; }

        public List<PlayedObservationDocument>? Observations { get; set; }

        public List<PlayedDebriefDocument>? Debrief { get; set; }

        public List<PlayedActionDocument>? ActionPlan { get; set; }
    }

    public sealed class PlayedStimulusDocument
    {
        public string? Id { get; set; }

        public string? Status { get; set; }

        public string? PlannedAt { get; set; }

        public string? PlayedAt { get; set; }

        public string? PlayedTime { get; set; }

        public string? ReactionTime { get; set; }

        public List<string>? Reactions { get; set; }
    }

    public sealed class PlayedObservationDocument
    {
        public string? Objective { get; set; }

        public string? Expectation { get; set; }

        public string? Rating { get; set; }

        public string? Observed { get; set; }

        public string? At { get; set; }

        public string? Evidence { get; set; }

        public string? Comment { get; set; }

        public string? Observer { get; set; }
    }

    public sealed class PlayedDebriefDocument
    {
        public string? Function { get; set; }

        public string? WentWell { get; set; }

        public string? ToImprove { get; set; }

        public string? Author { get; set; }
    }

    public sealed class PlayedActionDocument
    {
        public string? Title { get; set; }

        public string? Category { get; set; }

        public string? Owner { get; set; }

        public string? Due { get; set; }

        public string? SentTo { get; set; }
    }
}
#pragma warning restore CA2227, CA1002
