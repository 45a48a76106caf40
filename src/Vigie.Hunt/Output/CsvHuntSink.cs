using System.Buffers;
using System.Globalization;
using System.Text;

namespace Vigie.Hunt;

/// <summary>
/// RFC 4180 CSV (comma, CRLF, double quotes doubled, fields quoted when they hold a comma, quote, CR or LF),
/// UTF-8 with a byte order mark so LibreOffice and Timeline Explorer read accents right, one header line; every
/// cell goes through <see cref="CsvFormulaGuard"/>.
/// </summary>
public sealed class CsvHuntSink : IHuntSink
{
    /// <summary>The header, in column order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Timestamp", "Computer", "Channel", "EventID", "RecordID", "RuleTitle", "RuleID", "Level",
        "Tactics", "Techniques", "RuleAuthor", "Details", "SourceFile",
    ];

    private static readonly SearchValues<char> s_quoted = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter _writer;
    private readonly string[] _fields = new string[11]; // the columns before Details
    private readonly ArrayBufferWriter<char> _details = new(4096);

    /// <summary>Writes to <paramref name="output"/> (owned: closed on completion).</summary>
    public CsvHuntSink(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        WriteCells(Columns);
        _writer.WriteLine();
    }

    /// <inheritdoc />
    public void Write(HuntDetection detection)
    {
        _fields[0] = HuntTime.Format(detection.Timestamp);
        _fields[1] = detection.Computer;
        _fields[2] = detection.Channel;
        _fields[3] = detection.EventId?.ToString(CultureInfo.InvariantCulture) ?? "";
        _fields[4] = detection.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "";
        _fields[5] = detection.RuleTitle;
        _fields[6] = detection.RuleId;
        _fields[7] = HuntLevels.Name(detection.Level);
        _fields[8] = string.Join(", ", detection.Tactics);
        _fields[9] = string.Join(", ", detection.Techniques);
        _fields[10] = detection.Author;
        _details.ResetWrittenCount();
        detection.WriteDetails(_details);
        WriteCells(_fields);
        _writer.Write(',');
        WriteField(_details.WrittenSpan); // Details, from the buffer reused for every row
        _writer.Write(',');
        WriteField(detection.SourceFile);
        _writer.WriteLine();
    }

    /// <inheritdoc />
    public void Complete(HuntSummary summary)
    {
        _writer.Flush();
        _writer.Dispose();
    }

    private void WriteCells(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteField(cells[i]);
        }
    }

    private void WriteField(ReadOnlySpan<char> value)
    {
        // a cell that a spreadsheet would read as a formula is quoted behind an apostrophe (CsvFormulaGuard)
        var formula = CsvFormulaGuard.IsDangerous(value);
        if (value.IndexOfAny(s_quoted) < 0 && !formula)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        if (formula)
        {
            _writer.Write('\'');
        }

        for (var quote = value.IndexOf('"'); quote >= 0; quote = value.IndexOf('"'))
        {
            _writer.Write(value[..(quote + 1)]);
            _writer.Write('"'); // doubled
            value = value[(quote + 1)..];
        }

        _writer.Write(value);
        _writer.Write('"');
    }
}
