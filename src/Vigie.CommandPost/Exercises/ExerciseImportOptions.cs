using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// How to import a scenario: a title and level for a table (which has none), a column mapping for a layout Vigie does not
/// recognise; by default a file with any refused line imports nothing, <paramref name="ValidOnly"/> imports the good lines;
/// <paramref name="DryRun"/> checks only.
/// </summary>
public sealed record ExerciseImportOptions(string? Title = null, ScenarioLevel? Level = null, ColumnMapping? Mapping = null, bool ValidOnly = false, bool DryRun = false);
