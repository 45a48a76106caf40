using System.Text;
using System.Text.Json;

namespace Vigie.Hunt.Tests.Output;

/// <summary>The CSV, JSON lines, Timesketch and HTML outputs of a small timeline.</summary>
public sealed class OutputTests
{
    private static readonly HuntDetection s_row = new()
    {
        Timestamp = new DateTime(2024, 3, 1, 10, 0, 0, 123, DateTimeKind.Utc),
        Computer = "WS1.corp",
        Channel = "Security",
        EventId = 4688,
        RecordId = 77,
        RuleTitle = "Suspicious \"quoted\", <script>alert(1)</script>",
        RuleId = "abc",
        Level = HuntLevel.High,
        Tactics = ["execution", "discovery"],
        Techniques = ["T1059.001"],
        Author = "Émilie, \"E\" Test",
        Details = [new("CommandLine", "cmd /c \"a,b\"\r\nnext line"), new("User", "=HYPERLINK(\"x\")")],
        SourceFile = "/logs/a.evtx",
    };

    private static HuntSummary Summary(long detections) => new()
    {
        Files = 1, FilesRead = 1, Events = 10, Rules = 2, Detections = detections,
        ByLevel = HuntLevels.All.ToDictionary(l => l, l => l == HuntLevel.High ? detections : 0L),
    };

    [Fact]
    public void Csv_WhenValuesHoldCommasQuotesAndNewlines_QuotesThemAsRfc4180WithABom()
    {
        using var stream = new MemoryStream();
        var sink = new CsvHuntSink(new NonClosing(stream));
        sink.Write(s_row);
        sink.Complete(Summary(1));
        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(string.Join(',', CsvHuntSink.Columns), lines[0]);
        Assert.StartsWith("2024-03-01T10:00:00.1230000Z,WS1.corp,Security,4688,77,\"Suspicious \"\"quoted\"\", <script>alert(1)</script>\",abc,high,\"execution, discovery\",T1059.001,\"Émilie, \"\"E\"\" Test\",", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"CommandLine: cmd /c \"\"a,b\"\"\r\nnext line ¦ User: =HYPERLINK(\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.EndsWith(",/logs/a.evtx\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_WhenWrittenAndReadBack_KeepsEveryColumn()
    {
        using var stream = new MemoryStream();
        var sink = new JsonlHuntSink(new NonClosing(stream));
        sink.Write(s_row);
        sink.Complete(Summary(1));
        var line = Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.True(HuntJsonl.TryRead(Encoding.UTF8.GetBytes(line), out var back, out var error), error);
        Assert.Equal(s_row.Timestamp, back!.Timestamp);
        Assert.Equal(s_row.RuleTitle, back.RuleTitle);
        Assert.Equal(s_row.Author, back.Author);
        Assert.Equal(s_row.Details, back.Details);
        Assert.Equal(s_row.Tactics, back.Tactics);
        Assert.Equal(s_row.EventId, back.EventId);
        Assert.Equal(s_row.RecordId, back.RecordId);
    }

    [Fact]
    public void Timesketch_WritesMessageDatetimeAndTimestampDesc()
    {
        using var stream = new MemoryStream();
        var sink = new TimesketchHuntSink(new NonClosing(stream));
        sink.Write(s_row);
        sink.Complete(Summary(1));
        using var document = JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement;
        Assert.StartsWith("[high] Suspicious", root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("2024-03-01T10:00:00.1230000Z", root.GetProperty("datetime").GetString());
        Assert.Equal("Event Time", root.GetProperty("timestamp_desc").GetString());
        Assert.Equal(1709287200123000, root.GetProperty("timestamp").GetInt64());
        Assert.Equal("Émilie, \"E\" Test", root.GetProperty("rule_author").GetString());
    }

    [Fact]
    public void Html_EscapesEverythingAndNeedsNoExternalAsset()
    {
        using var stream = new MemoryStream();
        var sink = new HtmlHuntSink(new NonClosing(stream), Path.GetTempPath());
        sink.Write(s_row);
        sink.Complete(Summary(1) with { Hosts = [new HuntHostSummary("WS1.corp", 1, s_row.Timestamp, s_row.Timestamp, new Dictionary<HuntLevel, long>(), new Dictionary<string, long> { ["execution"] = 1 })] });
        var html = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"detections\">1<", html, StringComparison.Ordinal);
        Assert.Contains("milie, &quot;E&quot; Test", html, StringComparison.Ordinal);
    }

    /// <summary>Keeps the memory stream readable after the sink closes it.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
