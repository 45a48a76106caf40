using System.Diagnostics;
using System.Text;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>
/// Mutates JSON-lines files of the three shapes (invalid UTF-8, lone surrogates raw and escaped, bit flips,
/// cut and repeated runs, deep nesting, huge lines) with a fixed seed and hunts every mutant: never an
/// exception, never more than a few seconds per file, and a line after the damage is still read.
/// </summary>
public sealed class JsonLinesFuzzTests : IDisposable
{
    private const int Seed = 20_241_301;
    private const int Iterations = 300;

    // A longer local run: VIGIE_FUZZ_SEED and VIGIE_FUZZ_ITERATIONS override the CI values.
    private static readonly int s_seed = int.TryParse(Environment.GetEnvironmentVariable("VIGIE_FUZZ_SEED"), out var seed) ? seed : Seed;
    private static readonly int s_iterations = int.TryParse(Environment.GetEnvironmentVariable("VIGIE_FUZZ_ITERATIONS"), out var n) ? n : Iterations;
    private static readonly TimeSpan s_perFileBound = TimeSpan.FromSeconds(20);

    private static readonly string[] s_lines =
    [
        """{"@timestamp":"2024-03-01T10:00:00.000Z","host":{"name":"ws1"},"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":1,"computer_name":"WS1","record_id":42,"event_data":{"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami /all","User":"CORP\\bob"}}}""",
        """{"EventTime":"2024-03-01 10:05:00","Hostname":"WS2","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":7,"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami"}""",
        """{"Event":{"System":{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Computer":"WS3","TimeCreated":{"#attributes":{"SystemTime":"2024-03-01T10:10:00.000000Z"}}},"EventData":{"Image":"C:\\Windows\\System32\\WHOAMI.EXE","CommandLine":["a","b"],"Hashes":null}}}""",
    ];

    private static readonly SigmaRuleSet s_rules = new SigmaRuleSetBuilder().AddYaml("""
        title: Whoami run
        level: high
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            keywords: ['whoami']
            condition: selection or keywords
        """, "fuzz.yml").Build();

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-json-fuzz-");

    [Fact]
    public void Hunt_WhenJsonLinesAreMutated_NeverThrowsNorHangs_AndReadsTheLastGoodLine()
    {
        var random = new Random(s_seed);
        for (var i = 0; i < s_iterations; i++)
        {
            var body = new List<byte>();
            for (var l = 0; l < 6; l++)
            {
                body.AddRange(Encoding.UTF8.GetBytes(s_lines[random.Next(s_lines.Length)]));
                body.Add((byte)'\n');
            }

            var mutant = body.ToArray();
            var description = Mutate(ref mutant, random);
            // A good line after the damage, on its own line: it must be read whatever came before.
            byte[] file = [.. mutant, (byte)'\n', .. Encoding.UTF8.GetBytes(s_lines[1].Replace("WS2", "LAST", StringComparison.Ordinal)), (byte)'\n'];
            var rows = Hunt(file, $"#{i} ({description})");
            Assert.True(rows.Any(r => r.Computer == "LAST"), $"#{i} ({description}): the good line after the damage was not read");
        }
    }

    [Theory]
    [InlineData("deep arrays", 200_000)]
    [InlineData("deep objects", 200_000)]
    [InlineData("huge line", 70 * 1024 * 1024)]
    [InlineData("huge string value", 8 * 1024 * 1024)]
    public void Hunt_WhenALineIsDeepOrHuge_SkipsItAndReadsTheNext(string kind, int size)
    {
        var bad = kind switch
        {
            "deep arrays" => new string('[', size) + new string(']', size),
            "deep objects" => string.Concat(Enumerable.Repeat("{\"a\":", size)) + "1" + new string('}', size),
            "huge line" => "{\"Hostname\":\"" + new string('x', size) + "\"}",
            _ => "{\"Hostname\":\"BIG\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"CommandLine\":\"" + new string('w', size) + "\"}",
        };
        var rows = Hunt([.. Encoding.UTF8.GetBytes(bad), (byte)'\n', .. Encoding.UTF8.GetBytes(s_lines[1]), (byte)'\n'], kind);
        Assert.Contains(rows, r => r.Computer == "WS2");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private List<HuntDetection> Hunt(byte[] content, string what)
    {
        var path = Path.Combine(_folder.FullName, "mutant.jsonl");
        File.WriteAllBytes(path, content);
        var sink = new ListSink();
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => new HuntEngine(s_rules, new HuntOptions { Threads = 1 })
            .Run([new HuntInput(path, HuntInputKind.JsonLines, content.Length)], sink, TestContext.Current.CancellationToken));
        Assert.True(task.Wait(s_perFileBound, TestContext.Current.CancellationToken), $"{what}: still running after {s_perFileBound.TotalSeconds} s");
        Assert.Null(task.Exception);
        Assert.True(watch.Elapsed < s_perFileBound, what);
        return sink.Rows;
    }

    private static string Mutate(ref byte[] data, Random random)
    {
        var kind = random.Next(8);
        var at = random.Next(data.Length);
        switch (kind)
        {
            case 0:
                data[at] = (byte)random.Next(0x80, 0x100); // a byte that is not UTF-8 on its own
                return $"byte 0x{data[at]:X2} at {at}";
            case 1:
                data = [.. data[..at], .. "\\ud800"u8, .. data[at..]]; // a lone surrogate escape (inside a string or not)
                return $"\\ud800 at {at}";
            case 2:
                data = [.. data[..at], 0xED, 0xB0, 0x80, .. data[at..]]; // a surrogate encoded in UTF-8 (invalid)
                return $"encoded surrogate at {at}";
            case 3:
                for (var k = 0; k < 4; k++)
                {
                    var i = random.Next(data.Length);
                    data[i] ^= (byte)(1 << random.Next(8));
                }

                return "4 bit flips";
            case 4:
                data = data[..at]; // cut short
                return $"cut at {at}";
            case 5:
                var length = Math.Min(random.Next(1, 200), data.Length - at);
                data = [.. data[..at], .. data.AsSpan(at, length), .. data.AsSpan(at, length), .. data[at..]];
                return $"run of {length} repeated at {at}";
            case 6:
                var depth = random.Next(100, 5000);
                data = [.. data[..at], .. Encoding.ASCII.GetBytes(new string('[', depth)), .. data[at..]];
                return $"{depth} '[' at {at}";
            default:
                data = [.. data[..at], .. Encoding.UTF8.GetBytes("\"" + new string('\\', random.Next(1, 9)) + "u" + random.Next(0xD800, 0xE000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)), .. data[at..]];
                return $"escaped surrogate with backslashes at {at}";
        }
    }
}
