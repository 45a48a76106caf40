using System.CommandLine;
using Vigie.Cli.Rules;

namespace Vigie.Cli.Tests.Rules;

public sealed class RulesCheckCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"vigie-rules-{Guid.NewGuid():N}");

    public RulesCheckCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Good = """
        title: Whoami
        id: 11111111-1111-1111-1111-111111111111
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                Image|endswith: '\whoami.exe'
            condition: selection
        """;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private (int Exit, string Output, string Error) Check(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var logsources = Array.IndexOf(args, "--logsources") is var i and >= 0 ? args[i + 1] : null;
        var paths = args.Where((a, n) => !a.StartsWith("--", StringComparison.Ordinal) && (n == 0 || args[n - 1] != "--logsources")).ToArray();
        var exit = RulesCheck.Run(paths, logsources, null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_WhenEveryRuleLoads_ExitsZeroWithCounts()
    {
        Write("a/good.yml", Good);
        var (exit, output, _) = Check(_folder);
        Assert.Equal(0, exit);
        Assert.Contains("1 loaded (1 detection, 0 correlation), 0 rejected, from 1 files", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenRulesAreBad_ListsEachWithItsReasonAndExitsOne()
    {
        Write("good.yml", Good);
        var bad = Write("bad.yml", Good.Replace("endswith", "endswithh", StringComparison.Ordinal));
        var broken = Write("sub/broken.yaml", "title: [unclosed\n");
        var (exit, output, _) = Check(_folder);
        Assert.Equal(1, exit);
        Assert.Contains($"{bad}: unknown modifier 'endswithh'", output, StringComparison.Ordinal);
        Assert.Contains($"{broken}: invalid YAML", output, StringComparison.Ordinal);
        Assert.Contains("1 loaded (1 detection, 0 correlation), 2 rejected, from 3 files", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenPathIsMissing_SaysSoAndExitsOne()
    {
        var (exit, output, _) = Check(Path.Combine(_folder, "nope"));
        Assert.Equal(1, exit);
        Assert.Contains("no such file or folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenLogsourceFileIsBad_ExitsTwo()
    {
        Write("good.yml", Good);
        var mapping = Write("map.txt", "categories:\n  x:\n    event_ids: [1]\n");
        var (exit, _, error) = Check(_folder, "--logsources", mapping);
        Assert.Equal(2, exit);
        Assert.Contains("needs a channel", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_IsRegisteredAndParsesItsArguments()
    {
        Write("good.yml", Good);
        var root = new RootCommand();
        foreach (var command in VigieCommands.All())
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(["rules", "check", _folder]);
        Assert.Empty(parse.Errors);
        Assert.Equal(0, parse.Invoke());
        Assert.NotEmpty(root.Parse(["rules", "check"]).Errors);
    }
}
