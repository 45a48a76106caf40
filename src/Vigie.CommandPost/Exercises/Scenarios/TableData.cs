namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>A table read from a CSV or XLSX file, or the reason it could not be read (<paramref name="Fatal"/>).</summary>
public sealed record TableData(string Format, string? Encoding, char? Separator, IReadOnlyList<TableRow> Rows, ScenarioError? Fatal);
