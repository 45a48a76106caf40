using nietras.SeparatedValues;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// Marks a CSV produced for an exercise incident: a first column <c>exercice</c> whose value is EXERCICE on every line, so a
/// row copied out of the file still says it comes from an exercise.
/// </summary>
public static class ExerciseCsv
{
    public const string Column = "exercice";
    public const string Value = "EXERCICE";

    public static string Mark(string csv, char separator = ';')
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = true, Unescape = true }).FromText(csv);
        if (!reader.HasRows)
        {
            return Column + separator + csv;
        }

        using var writer = Sep.New(separator).Writer(o => o with { Escape = true }).ToText();
        var names = reader.Header.ColNames;
        writer.Header.Add([Column, .. names]);
        foreach (var row in reader)
        {
            using var written = writer.NewRow();
            written[Column].Set(Value);
            foreach (var name in names)
            {
                written[name].Set(row[name].Span);
            }
        }

        writer.Flush();
        return writer.ToString();
    }
}
