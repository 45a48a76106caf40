namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>What is wrong in a scenario file: the line (null for the whole file), the field or column, and why.</summary>
public sealed record ScenarioError(int? Line, string? Field, string Message);
