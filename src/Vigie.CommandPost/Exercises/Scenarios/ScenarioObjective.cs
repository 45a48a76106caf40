namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>An objective of the exercise (what the cell should train), with its key ("O1").</summary>
public sealed record ScenarioObjective(string Key, string Text);
