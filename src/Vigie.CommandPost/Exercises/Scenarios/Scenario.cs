namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// An exercise scenario, whatever file it came from: metadata, objectives, the stimuli in time order (offsets from
/// DEBEX), the expectations the observers rate, the optional starting state and the recipients the scenario adds to the
/// built-in ones. <paramref name="StartClock"/> is the fictional time of day at DEBEX ("02:00") when the scenario has one.
/// </summary>
public sealed record Scenario(
    string Title,
    ScenarioLevel Level,
    TimeSpan Duration,
    string? StartClock,
    string? Setting,
    string? Summary,
    IReadOnlyList<ScenarioObjective> Objectives,
    IReadOnlyList<ScenarioStimulus> Stimuli,
    IReadOnlyList<ScenarioExpectation> Expectations,
    StartingState? Start,
    IReadOnlyList<ScenarioRecipient> Recipients);
