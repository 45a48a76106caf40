using System.Text;
using Vigie.Cli.Hunt;
using Vigie.Hunt;

namespace Vigie.Cli.Tests.Hunt;

/// <summary>
/// <c>vigie hunt</c>'s report and exit code when rules cannot be used: rejected at load (issue 13, item 15) or
/// disabled during the run because their regular expression ran away (item 7). Quiet or not, they are said,
/// and the exit code tells them apart from a clean run.
/// </summary>
public sealed class HuntRunTests : IDisposable
{
    private const string Whoami = """
        title: Whoami run
        id: 11111111-1111-1111-1111-111111111111
        level: high
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            condition: selection
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-run-");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hunt_WhenARuleIsRejected_SaysSoEvenQuietAndExitsWithItsOwnCode(bool quiet)
    {
        Write("rules/good.yml", Whoami);
        Write("rules/bad.yml", Whoami.Replace("endswith", "endswithh", StringComparison.Ordinal).Replace("1111", "2222", StringComparison.Ordinal));
        Write("logs/events.jsonl", Events(3, "C:\\Windows\\System32\\whoami.exe"));

        var (exit, error) = await HuntAsync(quiet);

        Assert.Equal(HuntRun.RulesNotUsed, exit);
        Assert.Contains("1 rule rejected", error, StringComparison.Ordinal);
        Assert.Contains("bad.yml", error, StringComparison.Ordinal);
        Assert.Contains("unknown modifier 'endswithh'", error, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_folder.FullName, "timeline.csv")).Length - 1); // the good rule still ran
    }

    [Fact]
    public async Task Hunt_WhenEveryRuleLoadsAndEveryFileIsRead_ExitsZeroAndSaysNothingQuiet()
    {
        Write("rules/good.yml", Whoami);
        Write("logs/events.jsonl", Events(3, "C:\\Windows\\System32\\whoami.exe"));

        var (exit, error) = await HuntAsync(quiet: true);

        Assert.Equal(HuntRun.Done, exit);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Hunt_WhenARuleRegexRunsAway_DisablesItNamesItAndExitsWithTheRulesCode()
    {
        // A lookahead forces the backtracking engine; on 40 'a' and a '!' every match runs into its timeout.
        // Before: 2,000 such events took minutes (100 ms each), quietly, exit 0.
        Write("rules/good.yml", Whoami);
        Write("rules/hostile.yml", """
            title: Hostile regex
            id: 33333333-3333-3333-3333-333333333333
            level: high
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {CommandLine|re: '^(?=a)(a+)+$'}
                condition: selection
            """);
        Write("logs/events.jsonl", Events(2000, "C:\\Windows\\System32\\whoami.exe", new string('a', 40) + "!"));

        var hunt = Task.Run(() => HuntAsync(quiet: true), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(hunt, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.True(finished == hunt, "the hunt is still running after 60 s");
        var (exit, error) = await hunt;

        Assert.Equal(HuntRun.RulesNotUsed, exit);
        Assert.Contains("Hostile regex", error, StringComparison.Ordinal);
        Assert.Contains("disabled", error, StringComparison.Ordinal);
        Assert.Equal(2000, File.ReadAllLines(Path.Combine(_folder.FullName, "timeline.csv")).Length - 1); // every whoami still found
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<(int Exit, string Error)> HuntAsync(bool quiet)
    {
        var error = new StringWriter();
        var options = new HuntCliOptions(
            [Path.Combine(_folder.FullName, "logs")], [Path.Combine(_folder.FullName, "rules")], HuntLevel.Informational,
            Path.Combine(_folder.FullName, "timeline.csv"), "csv", 2, quiet, null, null, null, null);
        var exit = await HuntRun.RunAsync(options, error, TestContext.Current.CancellationToken);
        return (exit, error.ToString());
    }

    private static string Events(int count, string image, string commandLine = "whoami")
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("{\"EventTime\":\"2024-03-01T10:00:").Append((i % 60).ToString("D2", System.Globalization.CultureInfo.InvariantCulture))
                .Append("Z\",\"Hostname\":\"WS1\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Image\":\"")
                .Append(image.Replace("\\", "\\\\", StringComparison.Ordinal)).Append("\",\"CommandLine\":\"").Append(commandLine).Append("\"}\n");
        }

        return text.ToString();
    }

    private void Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
