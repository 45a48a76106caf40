using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>A scenario shipped with Vigie: its key (file name), title, level, planned duration, number of stimuli, summary.</summary>
public sealed record BuiltInScenario(string Key, string Title, ScenarioLevel Level, TimeSpan Duration, int Stimuli, string? Summary);
