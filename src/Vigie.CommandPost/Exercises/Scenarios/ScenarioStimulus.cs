namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// One line of the chronogramme: its number, when (offset from DEBEX), how, from whom (the simulated sender), to which
/// recipients (keys: <c>tous</c>, a crisis role ...), what it says, and what the animators keep for themselves (expected
/// reaction, deliverable, notes). <paramref name="Line"/> is where it was read (0 when it was not read from a file).
/// </summary>
public sealed record ScenarioStimulus(
    int Line,
    string Number,
    TimeSpan Offset,
    StimulusChannel Channel,
    string Sender,
    IReadOnlyList<string> Recipients,
    string? Title,
    string Content,
    string? Expected,
    string? Deliverable,
    string? Notes,
    IReadOnlyList<string> Objectives,
    ScenarioArtifact? Artifact);
