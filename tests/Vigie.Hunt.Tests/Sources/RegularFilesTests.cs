using System.Diagnostics;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>
/// Issue 13, item 17: a FIFO named <c>*.evtx</c> (or <c>*.jsonl</c>) in an input folder, or named on the
/// command line, made the hunt wait forever for a writer. Only regular files are read; the others are listed.
/// </summary>
public sealed class RegularFilesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-fifo-");

    [Fact]
    public async Task Hunt_WhenAFolderHoldsFifosNamedLikeLogs_ReadsTheRegularFilesAndListsTheOthers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "FIFOs are a Unix matter");
        MakeFifo(Path.Combine(_folder.FullName, "pipe.evtx"));
        MakeFifo(Path.Combine(_folder.FullName, "pipe.jsonl"));
        File.WriteAllText(Path.Combine(_folder.FullName, "good.jsonl"),
            """{"EventTime":"2024-03-01T10:00:00Z","Hostname":"WS1","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\Windows\\System32\\whoami.exe"}""" + "\n");

        var task = Task.Run(() =>
        {
            var (inputs, problems) = HuntInputs.Expand([_folder.FullName, Path.Combine(_folder.FullName, "pipe.evtx")]);
            var sink = new ListSink();
            new HuntEngine(Rules(), new HuntOptions { Threads = 2 }).Run(inputs, sink, TestContext.Current.CancellationToken);
            return (inputs, problems, sink);
        });

        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == task, "the hunt waits on a FIFO");
        var (inputs, problems, sink) = await task;
        Assert.Equal(["good.jsonl"], inputs.Select(i => Path.GetFileName(i.Path)));
        Assert.Single(sink.Rows);
        Assert.Equal(3, problems.Count); // the two FIFOs of the folder and the one named on the command line
        Assert.All(problems, p => Assert.Contains("not a regular file", p, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static SigmaRuleSet Rules() => new SigmaRuleSetBuilder().AddYaml("""
        title: Whoami run
        level: high
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            condition: selection
        """, "test.yml").Build();

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
