using System.Text;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>
/// Issue 13, item 1: one bad byte in a JSON-lines log (a Latin-1 byte, invalid UTF-8, a lone surrogate escape)
/// must cost that line only: it is reported with its file and line number, and every other event of the run,
/// the EVTX files' included, is hunted.
/// </summary>
public sealed class JsonLinesDamageTests : IDisposable
{
    private const string Rule = """
        title: Whoami run
        id: 11111111-1111-1111-1111-111111111111
        level: high
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            condition: selection
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-json-damage-");

    public static TheoryData<string, byte[]> BadLines => new()
    {
        { "Latin-1 byte", Encoding.Latin1.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\Windows\\System32\\whoami.exe","User":"Andr""" + "\u00e9" + "\"}") },
        { "invalid UTF-8 continuation", [.. Encoding.UTF8.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","EventID":1,"CommandLine":"a"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")] },
        { "overlong encoding", [.. Encoding.UTF8.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","EventID":1,"CommandLine":""" + "\""), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes("\"}")] },
        { "lone high surrogate escape", Encoding.UTF8.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","EventID":1,"CommandLine":"x\ud800y"}""") },
        { "lone low surrogate escape in a name", Encoding.UTF8.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","EventID":1,"Comm\udc00and":"x"}""") },
        { "encoded surrogate in UTF-8", [.. Encoding.UTF8.GetBytes("""{"EventTime":"2024-03-01T10:01:00Z","Hostname":"WS1","EventID":1,"CommandLine":""" + "\""), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\"}")] },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Hunt_WhenAJsonLineHasABadByte_SkipsThatLineOnlyAndReportsFileAndLine(string variant, byte[] bad)
    {
        var good1 = Encoding.UTF8.GetBytes(Line("2024-03-01T10:00:00Z", "WS1"));
        var good2 = Encoding.UTF8.GetBytes(Line("2024-03-01T10:02:00Z", "WS2"));
        var json = Path.Combine(_folder.FullName, "events.jsonl");
        File.WriteAllBytes(json, [.. good1, (byte)'\n', .. bad, (byte)'\n', .. good2, (byte)'\n']);
        File.WriteAllText(Path.Combine(_folder.FullName, "other.jsonl"), Line("2024-03-01T09:00:00Z", "WS3") + "\n");

        var rules = new SigmaRuleSetBuilder().AddYaml(Rule, "test.yml").Build();
        var (inputs, _) = HuntInputs.Expand([_folder.FullName]);
        var sink = new ListSink();
        var summary = new HuntEngine(rules, new HuntOptions { Threads = 2 }).Run(inputs, sink, TestContext.Current.CancellationToken);

        Assert.Equal(["WS3", "WS1", "WS2"], sink.Rows.Select(r => r.Computer));
        Assert.Equal(3, summary.Events);
        var problem = Assert.Single(summary.FileProblems);
        Assert.Equal(json, problem.Path);
        Assert.False(problem.Complete, variant);
        Assert.Contains("line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_WhenAJsonLineIsBad_TheEvtxFilesOfTheSameRunAreStillHunted()
    {
        var evtx = RepositoryPaths.SharedData(Path.Combine("evtx", "Defense Evasion", "DE_104_system_log_cleared.evtx"));
        File.Copy(evtx, Path.Combine(_folder.FullName, "cleared.evtx"));
        File.WriteAllBytes(Path.Combine(_folder.FullName, "bad.jsonl"), Encoding.Latin1.GetBytes("""{"Hostname":"WS1","EventID":1,"User":"Andr""" + "\u00e9\"}\n"));
        var rules = new SigmaRuleSetBuilder().AddYaml("""
            title: Log cleared
            level: high
            logsource: {product: windows, service: system}
            detection:
                selection: {EventID: 104}
                condition: selection
            """, "test.yml").Build();
        var (inputs, _) = HuntInputs.Expand([_folder.FullName]);
        var sink = new ListSink();

        var summary = new HuntEngine(rules, new HuntOptions { Threads = 2 }).Run(inputs, sink, TestContext.Current.CancellationToken);

        Assert.Single(sink.Rows);
        Assert.Contains(summary.FileProblems, p => p.Path.EndsWith("bad.jsonl", StringComparison.Ordinal) && p.Reason.Contains("line 1", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static string Line(string time, string host) =>
        $$"""{"EventTime":"{{time}}","Hostname":"{{host}}","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\Windows\\System32\\whoami.exe"}""";
}
