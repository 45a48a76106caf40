namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// A scenario file read and checked. <paramref name="Scenario"/> holds the good stimuli only (null when the file itself
/// cannot be read: not a scenario, no header, bad YAML); <paramref name="Errors"/> names every refused line;
/// <paramref name="Warnings"/> are things read with an assumption (an unknown channel read as "autre", ignored columns).
/// For tables, <paramref name="Columns"/> are the header's cells and <paramref name="Mapping"/> the column used for each field.
/// </summary>
public sealed record ScenarioReadResult(
    Scenario? Scenario,
    string Format,
    string? Encoding,
    char? Separator,
    int Rows,
    IReadOnlyList<ScenarioError> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, string> Mapping)
{
    /// <summary>Nothing refused: the file can be imported as it is.</summary>
    public bool IsClean => Scenario is not null && Errors.Count == 0;

    /// <summary>The good rows could be imported on their own.</summary>
    public bool HasGoodRows => Scenario is { Stimuli.Count: > 0 };

    public static ScenarioReadResult Unreadable(string format, ScenarioError error, string? encoding = null, char? separator = null, IReadOnlyList<string>? columns = null) =>
        new(null, format, encoding, separator, 0, [error], [], columns ?? [], new Dictionary<string, string>());
}
