using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Journal;

namespace Vigie.Web.Exercises;

/// <summary>An exercise and its clock: status, speed, exercise time now (seconds since DEBEX), planned duration, counts.</summary>
public sealed record ExerciseResponse(long Id, string Title, string ScenarioTitle, string Level, string Status, int Speed, double ElapsedSeconds, double DurationSeconds,
    string? StartClock, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long StimuliPlayed, long StimuliPending, long StimuliCancelled, long StimuliTotal)
{
    public static ExerciseResponse From(Exercise e, StimulusCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(counts);
        return new(e.IncidentId, e.IncidentTitle, e.ScenarioTitle, WireName<ScenarioLevel>.Of(e.Level), WireName<ExerciseStatus>.Of(e.Status), e.Speed,
            Math.Floor(e.Elapsed(now).TotalSeconds), e.Duration.TotalSeconds, e.StartClock, e.StartedAt, e.FinishedAt, counts.Played, counts.Pending, counts.Cancelled, counts.Total);
    }
}

/// <summary>A stimulus as the animators see it (GET /exercises/{id}/stimuli, animators only).</summary>
public sealed record StimulusResponse(long Id, string Number, string Status, string PlannedAt, string DueAt, double DueSeconds, string Channel, string Sender,
    IReadOnlyList<string> Recipients, string? Title, string Content, string? Expected, string? Deliverable, string? Notes, IReadOnlyList<string> Objectives,
    string? Artifact, bool Unplanned, DateTimeOffset? PlayedAt, double? PlayedSeconds, long? JournalSeq, long? Findings, int Reactions, double? ReactionSeconds)
{
    public static StimulusResponse From(Stimulus s, IReadOnlyList<StimulusReaction>? reactions)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Number, WireName<StimulusStatus>.Of(s.Status), TimeTexts.FormatOffset(s.Offset), TimeTexts.FormatOffset(s.Due), s.Due.TotalSeconds,
            WireName<StimulusChannel>.Of(s.Channel), s.Sender, s.Recipients, s.Title, s.Content, s.Expected, s.Deliverable, s.Notes, s.Objectives, s.ArtifactName,
            s.Unplanned, s.PlayedAt, s.PlayedElapsed?.TotalSeconds, s.JournalSeq, s.Findings, reactions?.Count ?? 0, reactions?.FirstOrDefault()?.ReactionTime?.TotalSeconds);
    }
}

/// <summary>A stimulus as its recipients receive it: no notes, no expected reaction, no deliverable.</summary>
public sealed record ReceivedStimulusResponse(long Id, string Number, string Channel, string Sender, IReadOnlyList<string> Recipients, string? Title, string Content,
    string? Artifact, DateTimeOffset PlayedAt, double PlayedSeconds, bool Read, IReadOnlyList<ReactionResponse> Reactions)
{
    public static ReceivedStimulusResponse From(ReceivedStimulus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Number, WireName<StimulusChannel>.Of(s.Channel), s.Sender, s.Recipients, s.Title, s.Content, s.ArtifactName, s.PlayedAt,
            Math.Floor(s.PlayedElapsed.TotalSeconds), s.Read, s.Reactions.Select(ReactionResponse.From).ToList());
    }
}

public sealed record ReactionResponse(string Kind, long Id, string Author, DateTimeOffset At, string Text, double? ReactionSeconds)
{
    public static ReactionResponse From(StimulusReaction r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Kind, r.RefId, r.Author, r.At, r.Text, r.ReactionTime?.TotalSeconds);
    }
}

/// <summary>201 of an import: the exercise incident, its stimuli, and what was read.</summary>
public sealed record ImportResponse(long? IncidentId, int Stimuli, string Format, string? Encoding, string? Separator, int Rows, IReadOnlyList<ScenarioError> Lines,
    IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> Mapping, IReadOnlyList<string> Columns, bool Imported)
{
    public static ImportResponse From(ExerciseImportResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.IncidentId, r.Stimuli, r.Read.Format, r.Read.Encoding, r.Read.Separator is { } s ? (s == '\t' ? "tab" : s.ToString()) : null, r.Read.Rows, r.Read.Errors,
            [.. r.Read.Warnings, .. r.StartWarnings], r.Read.Mapping, r.Read.Columns, r.Imported);
    }
}

/// <summary>The grid for observers: objectives, the expectations to rate, the observations so far.</summary>
public sealed record GridResponse(IReadOnlyList<ScenarioObjective> Objectives, IReadOnlyList<ScenarioExpectation> Expectations, IReadOnlyList<Observation> Observations);

public sealed record AnswerResponse(JournalEntry Entry);
