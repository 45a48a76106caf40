using System.Globalization;
using ExcelDataReader;
using nietras.SeparatedValues;
using Vigie.CommandPost.Continuity.Facilities.Import;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Reads the rows of a chronogramme as the kits give it. CSV: UTF-8 with or without BOM, UTF-16 with BOM, or
/// Windows-1252 (the decoding of the facility import, <see cref="TextDecoding"/>); separator <c>;</c>, <c>,</c> or tab found
/// from the first line; quoted cells may hold separators and line breaks (Sep). XLSX (and old XLS): the first sheet that has
/// a recognisable header, through ExcelDataReader; times typed as times come back as "HH:mm". A file that is not text in a
/// known encoding (NUL bytes, control characters) is refused with the line where it stops being readable.
/// </summary>
public static class TableReader
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const int MaxRows = 5_000;

    /// <summary>Day 0 of a time typed alone in a cell, as ExcelDataReader returns it (a time past 24 h falls on the next days).</summary>
    private static readonly DateTime s_timeEpoch = new(1899, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);

    static TableReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <summary>An XLSX (zip) or XLS (OLE) file, by its first bytes.</summary>
    public static bool IsSpreadsheet(ReadOnlySpan<byte> content) =>
        content.StartsWith("PK\u0003\u0004"u8) || content.StartsWith([(byte)0xD0, (byte)0xCF, (byte)0x11, (byte)0xE0]);

    public static TableData Read(ReadOnlySpan<byte> content) => IsSpreadsheet(content) ? ReadSpreadsheet(content.ToArray()) : ReadCsv(content);

    public static TableData ReadCsv(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) is var nul and >= 0 && !content.StartsWith([(byte)0xFF, (byte)0xFE]) && !content.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            var line = 1 + content[..nul].Count((byte)'\n');
            return new TableData(Csv, null, null, [], new ScenarioError(line, null,
                "the file is not readable text (NUL bytes: UTF-16 without a byte-order mark, or a binary file); save it as CSV UTF-8 or as XLSX."));
        }

        var text = TextDecoding.Decode(content, out var encoding);
        if (Unreadable(text) is { } bad)
        {
            return new TableData(Csv, encoding, null, [], new ScenarioError(bad.Line, null, string.Create(CultureInfo.InvariantCulture,
                $"unreadable character U+{(int)bad.Char:X4} (read as {encoding}): the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8.")));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new TableData(Csv, encoding, null, [], new ScenarioError(1, null, "the file is empty."));
        }

        var separator = FacilityCsvReader.DetectSeparator(text);
        var oversized = text.Length > MaxCellChars ? Shrink(ref text, separator) : null;
        var rows = new List<TableRow>();
        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .FromText(text);
        foreach (var row in reader)
        {
            if (rows.Count >= MaxRows)
            {
                return new TableData(Csv, encoding, separator, rows, new ScenarioError(row.LineNumberFrom, null,
                    string.Create(CultureInfo.InvariantCulture, $"the file has more than {MaxRows} lines; a chronogramme has a few hundred at most.")));
            }

            // Sep numbers lines from 1, but reports 2 for the very first row when it reads no header itself.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row[i].ToString();
            }

            rows.Add(new TableRow(line, cells) { Oversized = oversized is not null && oversized.TryGetValue(line, out var big) ? big : null });
        }

        return new TableData(Csv, encoding, separator, rows, null);
    }

    /// <summary>
    /// Cells longer than this are not kept (a chronogramme's longest cell is a few thousand characters; the limit of a
    /// stimulus is 20,000): the CSV parser holds a whole record in a buffer of at most 16 MB.
    /// </summary>
    public const int MaxCellChars = 1_000_000;

    /// <summary>
    /// Replaces each cell longer than <see cref="MaxCellChars"/> by its first characters and its line breaks (so the lines
    /// that follow keep their numbers), and returns their lengths by the line of their record and their column.
    /// </summary>
    private static Dictionary<int, Dictionary<int, int>>? Shrink(ref string text, char separator)
    {
        Dictionary<int, Dictionary<int, int>>? found = null;
        var output = new System.Text.StringBuilder(Math.Min(text.Length, 4 * MaxCellChars));
        var recordLine = 1;
        var line = 1;
        var column = 0;
        var i = 0;
        while (i < text.Length)
        {
            // One field from i: quoted or not.
            var start = i;
            var quoted = text[i] == '"';
            var newlines = 0;
            if (quoted)
            {
                i++;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    newlines += text[i] == '\n' ? 1 : 0;
                    i++;
                }
            }

            while (i < text.Length && text[i] != separator && text[i] != '\n' && text[i] != '\r')
            {
                i++;
            }

            var length = i - start;
            if (length > MaxCellChars)
            {
                ((found ??= [])[recordLine] = found.GetValueOrDefault(recordLine) ?? [])[column] = length - (quoted ? 2 : 0);
                output.Append(quoted ? "\"" : "").Append(text.AsSpan(start + (quoted ? 1 : 0), 100).ToString().Replace("\"", "", StringComparison.Ordinal))
                    .Append('\n', newlines).Append(quoted ? "\"" : "");
            }
            else
            {
                output.Append(text, start, length);
            }

            line += newlines;
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] == separator)
            {
                output.Append(separator);
                column++;
                i++;
                continue;
            }

            // End of the record: \r\n, \n or \r.
            var end = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            output.Append(text, i, end);
            i += end;
            line++;
            recordLine = line;
            column = 0;
        }

        if (found is not null)
        {
            text = output.ToString();
        }

        return found;
    }

    public static TableData ReadSpreadsheet(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            List<TableRow>? first = null;
            do
            {
                var rows = new List<TableRow>();
                var index = 0;
                while (reader.Read())
                {
                    index++;
                    if (rows.Count >= MaxRows)
                    {
                        return new TableData(Xlsx, null, null, rows, new ScenarioError(index, null,
                            string.Create(CultureInfo.InvariantCulture, $"the sheet has more than {MaxRows} rows; a chronogramme has a few hundred at most.")));
                    }

                    var cells = new string[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = CellText(reader.GetValue(i));
                    }

                    rows.Add(new TableRow(reader.Depth + 1, cells));
                }

                first ??= rows;
                if (ChronogrammeReader.FindHeader(rows, ColumnMapping.Empty) is not null)
                {
                    return new TableData(Xlsx, null, null, rows, null);
                }
            }
            while (reader.NextResult());

            return new TableData(Xlsx, null, null, first ?? [], null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException or
                                      NotSupportedException or ExcelDataReader.Exceptions.ExcelReaderException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            return new TableData(Xlsx, null, null, [], new ScenarioError(null, null, $"the spreadsheet cannot be read ({e.Message}); save it again as XLSX, or as CSV UTF-8."));
        }
    }

    /// <summary>A cell as text: numbers in invariant culture, a time typed as a time as "HH:mm" (hours past 24 kept for durations).</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when Math.Abs(d - Math.Round(d)) < 1e-9 => ((long)Math.Round(d)).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t when t < new DateTime(1900, 3, 1, 0, 0, 0, DateTimeKind.Unspecified) => Hours(t),
        DateTime t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        TimeSpan span => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}"),
        bool b => b ? "oui" : "non",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A time typed alone in a cell: "HH:mm", hours past 24 kept (a duration or an offset typed [h]:mm).</summary>
    private static string Hours(DateTime t)
    {
        var span = t >= s_timeEpoch ? t - s_timeEpoch : t.TimeOfDay;
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}");
    }

    /// <summary>The first character that no text file of a chronogramme holds: C0 controls other than tab and line breaks, C1 controls, U+FFFD.</summary>
    private static (int Line, char Char)? Unreadable(string text)
    {
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if ((c < ' ' && c is not '\t' and not '\r') || c is >= '\u0080' and <= '\u009F' || c == '\uFFFD')
            {
                return (line, c);
            }
        }

        return null;
    }
}
