using System.Text;
using Vigie.CommandPost.Findings;

namespace Vigie.CommandPost.Tests.Findings;

/// <summary>The one line parser of the findings import (API and page upload): line endings, numbering across batches, bounds.</summary>
public sealed class FindingStreamReaderTests
{
    private static string Row(int i, string computer = "WS1") =>
        $$$"""{"timestamp":"2024-02-11T01:00:{{{i % 60:00}}}Z","computer":"{{{computer}}}","channel":"Security","rule_title":"T","level":"high","details":{"n":"{{{i}}}"}}""";

    private static MemoryStream Stream(string text, bool bom = false) =>
        new([.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);

    [Fact]
    public async Task ReadBatch_HandlesBomCrLfBlankLinesAndALastLineWithoutNewline()
    {
        using var reader = new FindingStreamReader(Stream($"{Row(1)}\r\n\r\n   \n{Row(2, "Hôte-é")}\nnot json\n{Row(3)}", bom: true), FindingImportLimits.Request);

        var read = await reader.ReadBatchAsync(100, cut: false, CancellationToken.None);

        Assert.True(read.Ended);
        Assert.Equal(FindingBound.None, read.Bound);
        Assert.Equal(["WS1", "Hôte-é", "WS1"], read.Rows.Select(r => r.Computer));
        Assert.Equal(["line 5: not a JSON object"], read.Errors);
        Assert.Equal(1, read.Refused);
        Assert.Equal(6, reader.LineNumber);
    }

    [Fact]
    public async Task ReadBatch_WhenCut_NumbersLinesAcrossBatches_AndTheLastBatchEnds()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 7; i++)
        {
            text.Append(i == 5 ? "{\"timestamp\":\"hier\"}" : Row(i)).Append('\n');
        }

        using var reader = new FindingStreamReader(Stream(text.ToString()), FindingImportLimits.File);
        var first = await reader.ReadBatchAsync(3, cut: true, CancellationToken.None);
        var second = await reader.ReadBatchAsync(3, cut: true, CancellationToken.None);
        var third = await reader.ReadBatchAsync(3, cut: true, CancellationToken.None);

        Assert.Equal((3, false), (first.Rows.Count, first.Ended));
        Assert.Equal((3, false, 1L), (second.Rows.Count, second.Ended, second.Refused));
        Assert.StartsWith("line 5: timestamp", second.Errors.Single(), StringComparison.Ordinal);
        Assert.Equal((0, true), (third.Rows.Count, third.Ended));
    }

    [Fact]
    public async Task ReadBatch_WhenALineIsTooLong_SkipsItWithoutHoldingIt_AndGoesOn()
    {
        var limits = FindingImportLimits.Request with { MaxLineBytes = 300 };
        using var reader = new FindingStreamReader(Stream($"{Row(1)}\n{new string('x', 100_000)}\n{Row(2)}\n"), limits);

        var read = await reader.ReadBatchAsync(100, cut: false, CancellationToken.None);

        Assert.Equal(2, read.Rows.Count);
        Assert.Equal(["line 2: longer than 300 bytes (bound: line length), skipped"], read.Errors);
    }

    [Theory]
    [InlineData(FindingBound.DecompressedBytes)]
    [InlineData(FindingBound.Lines)]
    [InlineData(FindingBound.Findings)]
    [InlineData(FindingBound.RefusedLines)]
    public async Task ReadBatch_WhenABoundIsPassed_StopsReadingAndNamesIt(FindingBound bound)
    {
        var limits = new FindingImportLimits { MaxBodyBytes = 10_000, MaxLines = 30, MaxFindings = 5, MaxRefusedLines = 3 };
        var text = bound switch
        {
            FindingBound.DecompressedBytes => new string('a', 20_000),
            FindingBound.Lines => new string('\n', 31),
            FindingBound.Findings => string.Concat(Enumerable.Range(1, 6).Select(i => Row(i) + "\n")),
            _ => "x\nx\nx\nx\n",
        };
        var stream = Stream(text + new string('\n', 1_000_000)); // what follows the bound is never read
        using var reader = new FindingStreamReader(stream, limits);

        var read = await reader.ReadBatchAsync(limits.MaxFindings, cut: false, CancellationToken.None);

        Assert.Equal(bound, read.Bound);
        Assert.Contains("(bound: ", read.BoundMessage, StringComparison.Ordinal);
        Assert.True(stream.Position < 200_000, $"read {stream.Position} bytes");
    }
}
