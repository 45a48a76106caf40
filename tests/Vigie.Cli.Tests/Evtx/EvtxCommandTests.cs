using System.CommandLine;
using System.Text.Json;
using System.Xml.Linq;
using Vigie.Cli.Evtx;

namespace Vigie.Cli.Tests.Evtx;

public sealed class EvtxCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-cli-evtx-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { EvtxCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Dump_WhenJsonlOfTheCorpusDirectory_WritesOneJsonObjectPerRecord()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var target = Path.Combine(_folder, "all.jsonl");

        var (exit, _, error) = Invoke("evtx", "dump", corpus, "--format", "jsonl", "--threads", "2", "--output", target, "--no-slack");

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(target);
        Assert.Equal(8255, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.GetProperty("Event").TryGetProperty("System", out _));
        }

        Assert.Contains("277 of 277 file(s) read, 8,255 records, 0 problem(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_ByDefault_AlsoWritesTheRecordsRecoveredFromSlackSpaceMarkedAsSuch()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var target = Path.Combine(_folder, "all.jsonl");

        var (exit, _, error) = Invoke("evtx", "dump", corpus, "--format", "jsonl", "--threads", "2", "--output", target);

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(target);
        var recovered = lines.Count(l => JsonDocument.Parse(l).RootElement.TryGetProperty("RecoveredFromSlack", out _));
        Assert.Equal(8255, lines.Length - recovered);
        Assert.True(recovered >= 100, $"{recovered} recovered");
        Assert.Contains($"{lines.Length:N0} records ({recovered:N0} recovered from slack space), 0 problem(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_WhenAnotherProcessHoldsALockOnTheOutputDevice_StillWritesToIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/dev/null and flock are Linux's");
        var corpus = RepositoryPaths.SharedData("evtx");
        var file = Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx");

        // A reader of /dev/null holds a shared lock on it; so did every dump writing there, with an exclusive
        // one, which made a second dump to /dev/null fail (exit 2).
        using var holder = new FileStream("/dev/null", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var (exit, _, error) = Invoke("evtx", "dump", file, "-f", "jsonl", "-o", "/dev/null");
        var (again, _, _) = Invoke("evtx", "dump", file, "-f", "xml", "-o", "/dev/null", "-q");

        Assert.True(exit == 0, error);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Dump_WhenTwoRunsWriteToDevNullAtOnce_BothSucceed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/dev/null is Linux's");
        var corpus = RepositoryPaths.SharedData("evtx");

        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Invoke("evtx", "dump", corpus, "-f", "jsonl", "-o", "/dev/null", "-q", "-t", "1"))).ToArray();
        var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(results, r => Assert.True(r.Exit == 0, r.Error));
    }

    [Fact]
    public async Task Dump_WhenAFifoIsGivenByName_RefusesItAtOnceWithAClearMessage()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo is Unix's");
        var fifo = MakeFifo(Path.Combine(_folder, "pipe.evtx"));

        var (exit, _, error) = await Task.Run(() => Invoke("evtx", "dump", fifo, "-f", "jsonl", "-o", Path.Combine(_folder, "out.jsonl")))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.Contains("pipe.evtx: not a regular file (a FIFO (named pipe)); only regular files are read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_WhenAFolderHoldsAFifoNamedEvtx_SkipsItReportsItAndReadsTheRest()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo is Unix's");
        var corpus = RepositoryPaths.SharedData("evtx");
        var input = Directory.CreateDirectory(Path.Combine(_folder, "in")).FullName;
        File.Copy(Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx"), Path.Combine(input, "good.evtx"));
        MakeFifo(Path.Combine(input, "trap.evtx"));
        var target = Path.Combine(_folder, "out.jsonl");

        var (exit, _, error) = await Task.Run(() => Invoke("evtx", "dump", input, "-f", "jsonl", "-o", target, "--no-slack"))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.Contains("skipped", error, StringComparison.Ordinal);
        Assert.Contains("trap.evtx: not a regular file (a FIFO (named pipe))", error, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(target).Length);
    }

    [Fact]
    public void Dump_WhenTheCodePageIsUnknown_FailsWithAMessage()
    {
        var (exit, _, error) = Invoke("evtx", "dump", _folder, "--code-page", "klingon");

        Assert.NotEqual(0, exit);
        Assert.Contains("unknown code page 'klingon'", error, StringComparison.Ordinal);
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public void Dump_WhenXml_WritesOneWellFormedDocumentInFileOrder()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var first = Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx");
        var second = Path.Combine(corpus, "Defense Evasion", "Win_4985_T1186_Process_Doppelganging.evtx");
        var target = Path.Combine(_folder, "two.xml");

        var (exit, _, _) = Invoke("evtx", "dump", first, second, "-o", target, "-q");

        Assert.Equal(0, exit);
        var document = XDocument.Load(target);
        XNamespace ns = "http://schemas.microsoft.com/win/2004/08/events/event";
        var ids = document.Root!.Elements(ns + "Event").Select(e => e.Element(ns + "System")!.Element(ns + "EventID")!.Value).ToList();
        Assert.Equal(["4662", "4662", "4662"], ids.Take(3));
        Assert.All(ids.Skip(3), id => Assert.Equal("4985", id));
    }

    [Fact]
    public void Dump_WhenTsv_WritesOneLinePerRecordWithTheSystemFields()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var file = Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx");
        var target = Path.Combine(_folder, "out.tsv");

        var (exit, _, _) = Invoke("evtx", "dump", file, "-f", "tsv", "-o", target, "-q", "-t", "1");

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(target);
        Assert.Equal(3, lines.Length);
        var columns = lines[0].Split('\t');
        Assert.Equal("Security", columns[2]);
        Assert.Equal("Microsoft-Windows-Security-Auditing", columns[3]);
        Assert.Equal("4662", columns[4]);
        Assert.Contains("SubjectUserName=", columns[10], StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_WhenAFileIsNotAnEventLog_ReportsItReadsTheOthersAndExitsNonZero()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var good = Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx");
        var bad = Path.Combine(_folder, "bad.evtx");
        File.WriteAllText(bad, "this is not an event log");
        var target = Path.Combine(_folder, "out.jsonl");

        var (exit, _, error) = Invoke("evtx", "dump", bad, good, "-f", "jsonl", "-o", target);

        Assert.Equal(1, exit);
        Assert.Contains("bad.evtx: not a Windows event log", error, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(target).Length);
    }

    [Fact]
    public void Dump_WhenTheFormatIsUnknown_FailsWithAMessage()
    {
        var (exit, _, error) = Invoke("evtx", "dump", _folder, "--format", "csv");

        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown format 'csv'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_WhenAFileIsDamaged_ReportsTheProblemAndExitsZero()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var bytes = File.ReadAllBytes(Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx"));
        bytes[4096 + 600] ^= 0x55;
        var damaged = Path.Combine(_folder, "damaged.evtx");
        File.WriteAllBytes(damaged, bytes);

        var (exit, _, error) = Invoke("evtx", "dump", damaged, "-f", "jsonl", "-o", Path.Combine(_folder, "d.jsonl"));

        Assert.Equal(0, exit);
        Assert.Contains("ChunkDataChecksum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_DescribesHeaderChunksRecordsAndChecksums()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var file = Path.Combine(corpus, "Credential Access", "CA_DCSync_4662.evtx");

        var (exit, output, _) = Invoke("evtx", "info", file);

        Assert.Equal(0, exit);
        Assert.Contains("format 3.1, flags 0x0 (clean), header checksum ok", output, StringComparison.Ordinal);
        Assert.Contains("found: 1 chunk(s) in 1 slot(s) (0 empty or unreadable), 3 record(s), ids 1..3", output, StringComparison.Ordinal);
        Assert.Contains("checksum errors: 0, damaged records skipped: 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_WhenAPathIsMissing_ExitsNonZero()
    {
        var (exit, _, error) = Invoke("evtx", "info", Path.Combine(_folder, "missing.evtx"));

        Assert.Equal(1, exit);
        Assert.Contains("no such file or directory", error, StringComparison.Ordinal);
    }
}
