using System.Buffers.Binary;
using System.Text;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>
/// Event 104 (a log was cleared) names the cleared log in its UserData <c>Channel</c>; the two SigmaHQ rules
/// "Eventlog Cleared" and "Important Windows Eventlog Cleared" are written against it. Through the hunt's
/// EVTX adapter (a real record of the shared corpus, its cleared log renamed in a copy) and its JSON mapper.
/// </summary>
public sealed class EventlogClearedTests : IDisposable
{
    private const string Cleared = "Eventlog Cleared";
    private const string Important = "Important Windows Eventlog Cleared";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-104-");

    [Fact]
    public void Hunt_Evtx104_WhenTheSystemLogWasCleared_OnlyTheImportantRuleFires()
    {
        var copy = Path.Combine(_folder.FullName, "cleared.evtx");
        File.Copy(CorpusFile(), copy);

        var rows = Hunt(copy);

        var row = Assert.Single(rows);
        Assert.Equal(Important, row.RuleTitle);
        Assert.Equal("System", row.Channel);
    }

    [Fact]
    public void Hunt_Evtx104_WhenAnotherLogWasCleared_EventlogClearedFiresAndNotTheImportantRule()
    {
        // The same record with its UserData Channel (the cleared log) renamed from "System" to "Custom"; the
        // chunk's checksums are recomputed so that the copy is a sound file.
        var bytes = File.ReadAllBytes(CorpusFile());
        var system = Encoding.Unicode.GetBytes("EXAMPLESystem");
        var at = bytes.AsSpan().IndexOf(system);
        Assert.True(at > 0, "the record's SubjectDomainName and Channel values");
        Assert.Equal(-1, bytes.AsSpan(at + 1).IndexOf(system));
        Encoding.Unicode.GetBytes("Custom").CopyTo(bytes, at + Encoding.Unicode.GetByteCount("EXAMPLE"));
        FixChunkChecksums(bytes, 4096);
        var copy = Path.Combine(_folder.FullName, "cleared-custom.evtx");
        File.WriteAllBytes(copy, bytes);

        var rows = Hunt(copy);

        var row = Assert.Single(rows);
        Assert.Equal(Cleared, row.RuleTitle);
        Assert.Equal("System", row.Channel); // the column is the log the event was written to
        Assert.Contains(new KeyValuePair<string, string>("Channel", "Custom"), row.Details); // what the rule read
    }

    [Theory]
    [InlineData("Windows PowerShell", Important)]
    [InlineData("Microsoft-Windows-TaskScheduler/Operational", Cleared)]
    public void Hunt_JsonLines104_ReadsTheClearedLogFromUserData(string clearedLog, string expected)
    {
        var path = Path.Combine(_folder.FullName, "cleared.jsonl");
        File.WriteAllText(path, """
            {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Eventlog"}},"EventID":104,"Channel":"System","Computer":"DC01","EventRecordID":5,"TimeCreated":{"#attributes":{"SystemTime":"2024-03-01T10:00:00Z"}}},"UserData":{"LogFileCleared":{"SubjectUserName":"bob","Channel":"CLEARED","BackupPath":null}}}}
            """.Replace("CLEARED", clearedLog, StringComparison.Ordinal));

        var rows = Hunt(path);

        var row = Assert.Single(rows);
        Assert.Equal(expected, row.RuleTitle);
        Assert.Equal("System", row.Channel);
        Assert.Equal("DC01", row.Computer);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static string CorpusFile() => RepositoryPaths.SharedData(Path.Combine("evtx", "Defense Evasion", "DE_104_system_log_cleared.evtx"));

    private static List<HuntDetection> Hunt(string path)
    {
        var folder = Path.Combine(SharedHuntRules.SigmaRoot, "rules", "windows", "builtin", "system", "microsoft_windows_eventlog");
        var rules = new SigmaRuleSetBuilder()
            .AddPath(Path.Combine(folder, "win_system_eventlog_cleared.yml"))
            .AddPath(Path.Combine(folder, "win_system_susp_eventlog_cleared.yml"))
            .Build();
        Assert.Equal(2, rules.Rules.Count);
        var (inputs, problems) = HuntInputs.Expand([path]);
        Assert.Empty(problems);
        var sink = new ListSink();
        var summary = new HuntEngine(rules, new HuntOptions { Threads = 1 }).Run(inputs, sink, TestContext.Current.CancellationToken);
        Assert.Empty(summary.FileProblems);
        return sink.Rows;
    }

    /// <summary>Recomputes a chunk's event records checksum and header checksum (CRC-32, as the format says).</summary>
    private static void FixChunkChecksums(byte[] file, int chunk)
    {
        var span = file.AsSpan(chunk, 65536);
        var freeSpace = BinaryPrimitives.ReadInt32LittleEndian(span[0x30..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x34..], Crc32(span[0x200..freeSpace]));
        var header = new byte[0x78 + 0x180];
        span[..0x78].CopyTo(header);
        span[0x80..0x200].CopyTo(header.AsSpan(0x78));
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x7C..], Crc32(header));
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
