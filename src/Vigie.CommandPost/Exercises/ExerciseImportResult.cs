using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>What an import read (<paramref name="Read"/>: format, errors by line, warnings) and did: the exercise incident when imported.</summary>
public sealed record ExerciseImportResult(ScenarioReadResult Read, long? IncidentId, int Stimuli, IReadOnlyList<string> StartWarnings)
{
    public bool Imported => IncidentId is not null;
}
