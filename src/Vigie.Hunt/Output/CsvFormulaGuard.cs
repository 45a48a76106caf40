namespace Vigie.Hunt;

/// <summary>
/// The one guard against CSV formula injection, for every CSV Vigie writes (the hunt timeline, the ARS statistics):
/// a cell that starts with a character a spreadsheet reads as the start of a formula gets a leading apostrophe, which
/// spreadsheets show as text. The characters are OWASP's list (<c>= + - @</c>, tab, carriage return), line feed, and
/// the full-width forms of the first four (<c>＝ ＋ － ＠</c>), which some spreadsheets fold to ASCII when they read
/// a cell. Every cell goes through it, numbers included: a negative number becomes text, which is the price OWASP asks.
/// </summary>
public static class CsvFormulaGuard
{
    /// <summary>Whether <paramref name="value"/> would be read as a formula.</summary>
    public static bool IsDangerous(ReadOnlySpan<char> value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠';

    /// <summary>The value to write in the cell: unchanged, or behind an apostrophe when it would be read as a formula.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsDangerous(value) ? "'" + value : value;
    }
}
