namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>An expected behaviour the observers rate, under an objective and often tied to a stimulus.</summary>
public sealed record ScenarioExpectation(string Key, string? ObjectiveKey, string? StimulusNumber, string Text);
