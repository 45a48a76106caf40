using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>JSON lines in the Winlogbeat, NXLog and evtx_dump shapes, a damaged line, and correlations across files.</summary>
public sealed class JsonLinesTests : IDisposable
{
    private const string Rules = """
        title: Whoami run
        id: 11111111-1111-1111-1111-111111111111
        status: test
        author: Test Author
        level: high
        tags: [attack.discovery, attack.t1033]
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            condition: selection
        ---
        title: Many whoami on one host
        id: 22222222-2222-2222-2222-222222222222
        author: Test Author
        level: critical
        correlation:
            type: event_count
            rules: [11111111-1111-1111-1111-111111111111]
            group-by: [Computer]
            timespan: 10m
            condition: {gte: 3}
            generate: true
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-json-");

    [Fact]
    public void Hunt_WhenJsonLinesHaveTheThreeShapes_MatchesEachAndFillsTheRow()
    {
        Write("winlogbeat.json",
            """{"@timestamp":"2024-03-01T10:00:00.000Z","host":{"name":"ws1"},"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":1,"computer_name":"WS1.corp","record_id":42,"event_data":{"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami /all","User":"CORP\\bob"}}}""");
        Write("nxlog.jsonl",
            """{"EventTime":"2024-03-01 10:05:00","Hostname":"WS2.corp","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":7,"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami"}""");
        Write("dump.json",
            """{"Event":{"System":{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Computer":"WS3.corp","EventRecordID":9,"TimeCreated":{"#attributes":{"SystemTime":"2024-03-01T10:10:00.000000Z"}}},"EventData":{"Image":"C:\\Windows\\System32\\WHOAMI.EXE","CommandLine":"whoami /groups"}}}""");
        var sink = Hunt();
        Assert.Equal(3, sink.Summary!.Events);
        Assert.Equal(["WS1.corp", "WS2.corp", "WS3.corp"], sink.Rows.Select(r => r.Computer));
        var first = sink.Rows[0];
        Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc), first.Timestamp);
        Assert.Equal(1, first.EventId);
        Assert.Equal(42, first.RecordId);
        Assert.Equal(HuntLevel.High, first.Level);
        Assert.Equal(["discovery"], first.Tactics);
        Assert.Equal(["T1033"], first.Techniques);
        Assert.Equal("Test Author", first.Author);
        Assert.Contains(new KeyValuePair<string, string>("Image", "C:\\Windows\\System32\\whoami.exe"), first.Details);
        Assert.Contains(new KeyValuePair<string, string>("CommandLine", "whoami /all"), first.Details);
        Assert.Contains(new KeyValuePair<string, string>("User", "CORP\\bob"), first.Details);
    }

    [Fact]
    public void Hunt_WhenCorrelatedEventsAreSpreadOverFiles_FiresOnTheTimeOrderedStream()
    {
        // three whoami on WS9 within 10 minutes, in two files whose events interleave in time
        Write("a.jsonl",
            Line("2024-03-01T10:00:00Z", "WS9") + "\n" + Line("2024-03-01T10:04:00Z", "WS9") + "\n" + Line("2024-03-01T11:00:00Z", "WS8"));
        Write("b.jsonl", Line("2024-03-01T10:02:00Z", "WS9") + "\n" + Line("2024-03-01T12:00:00Z", "WS8"));
        var sink = Hunt();
        var correlation = Assert.Single(sink.Rows, r => r.IsCorrelation);
        Assert.Equal("Many whoami on one host", correlation.RuleTitle);
        Assert.Equal("WS9", correlation.Computer);
        Assert.Equal(new DateTime(2024, 3, 1, 10, 4, 0, DateTimeKind.Utc), correlation.Timestamp);
        Assert.Equal(HuntLevel.Critical, correlation.Level);
        Assert.Equal(5, sink.Rows.Count(r => !r.IsCorrelation));
    }

    [Fact]
    public void Hunt_WhenALineIsDamaged_ReadsTheOthersAndReportsTheFile()
    {
        Write("broken.jsonl", Line("2024-03-01T10:00:00Z", "WS1") + "\n{\"EventID\": 1, broken\n" + Line("2024-03-01T10:01:00Z", "WS1"));
        var sink = Hunt();
        Assert.Equal(2, sink.Rows.Count);
        var problem = Assert.Single(sink.Summary!.FileProblems);
        Assert.False(problem.Complete);
        Assert.Contains("line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_WhenMinLevelIsAboveARule_LeavesItOutButStillCorrelates()
    {
        Write("a.jsonl", Line("2024-03-01T10:00:00Z", "WS9") + "\n" + Line("2024-03-01T10:01:00Z", "WS9") + "\n" + Line("2024-03-01T10:02:00Z", "WS9"));
        var sink = Hunt(HuntLevel.Critical);
        var row = Assert.Single(sink.Rows);
        Assert.True(row.IsCorrelation);
    }

    private static string Line(string time, string host) =>
        $$"""{"EventTime":"{{time}}","Hostname":"{{host}}","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\Windows\\System32\\whoami.exe"}""";

    [Fact]
    public void Hunt_WhenParallelReadersSpillToDisk_GivesTheSameTimelineAsInMemory()
    {
        // JSON files are read in parallel: full buffers are sorted and written while other readers keep adding.
        for (var f = 0; f < 8; f++)
        {
            Write($"part{f}.jsonl", string.Join('\n', Enumerable.Range(0, 300).Select(i =>
                $$"""{"EventTime":"2024-03-01T{{10 + (i % 7):D2}}:{{(i * 7 + f) % 60:D2}}:{{(i + f * 3) % 60:D2}}Z","Hostname":"WS{{f}}.corp","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":{{i}},"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami {{i}}"}""")));
        }

        var rules = new SigmaRuleSetBuilder().AddYaml(Rules, "test.yml").Build();
        var (inputs, _) = HuntInputs.Expand([_folder.FullName]);
        var inMemory = new ListSink();
        new HuntEngine(rules, new HuntOptions { Threads = 1 }).Run(inputs, inMemory, TestContext.Current.CancellationToken);
        var temp = Directory.CreateTempSubdirectory("vigie-hunt-spill-");
        try
        {
            var spilled = new ListSink();
            new HuntEngine(rules, new HuntOptions { Threads = 4, DetectionsInMemory = 100, TempDirectory = temp.FullName })
                .Run(inputs, spilled, TestContext.Current.CancellationToken);
            Assert.True(inMemory.Rows.Count > 2400, $"{inMemory.Rows.Count} rows: every event plus correlations");
            Assert.Equal(inMemory.Rows.Select(Key), spilled.Rows.Select(Key));
            Assert.Empty(Directory.EnumerateFileSystemEntries(temp.FullName)); // run files removed
        }
        finally
        {
            temp.Delete(recursive: true);
        }

        static string Key(HuntDetection d) => $"{HuntTime.Format(d.Timestamp)}|{d.SourceFile}|{d.RecordId}|{d.RuleId}|{d.DetailsText()}";
    }

    private ListSink Hunt(HuntLevel minLevel = HuntLevel.Informational)
    {
        var rules = new SigmaRuleSetBuilder().AddYaml(Rules, "test.yml").Build();
        Assert.Empty(rules.Rejections);
        var (inputs, problems) = HuntInputs.Expand([_folder.FullName]);
        Assert.Empty(problems);
        var sink = new ListSink();
        new HuntEngine(rules, new HuntOptions { Threads = 2, MinLevel = minLevel }).Run(inputs, sink, TestContext.Current.CancellationToken);
        return sink;
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.FullName, name), text + "\n");

    public void Dispose() => _folder.Delete(recursive: true);
}
