using BenchmarkDotNet.Attributes;
using Vigie.Evtx.Chunks;
using Vigie.Evtx.Rendering;

namespace Vigie.Evtx.Bench;

/// <summary>
/// The parser on the shared corpus held in memory (8,255 records in 277 files): walking records, reading
/// every field as the hunt will, and rendering XML and JSON. One operation = the whole corpus; divide
/// by 8,255 for a record.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly List<EvtxFile> _files = [];
    private readonly Utf8Buffer _output = new(1 << 20);
    private byte[] _chunk = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Environment.GetEnvironmentVariable("VIGIE_EVTX_CORPUS") ?? FindCorpus();
        foreach (var path in Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (EvtxFile.TryOpen(bytes, path, out var file, out _))
            {
                _files.Add(file);
            }

            if (_chunk.Length == 0 && bytes.Length >= 4096 + 65536)
            {
                _chunk = bytes.AsSpan(4096, 65536).ToArray();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }

        _output.Dispose();
    }

    [Benchmark(Description = "records only (ids, timestamps)")]
    public long RecordsOnly()
    {
        long sum = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                sum += (long)record.RecordId;
            }
        }

        return sum;
    }

    [Benchmark(Description = "field access (System + every named value as text)")]
    public long FieldAccess()
    {
        long sum = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                sum += record.EventId ?? 0;
                sum += record.Channel?.Length ?? 0;
                sum += record.Provider?.Length ?? 0;
                sum += record.Computer?.Length ?? 0;
                sum += record.UserId?.Length ?? 0;
                sum += record.TimeCreated?.Ticks & 0xFF ?? 0;
                sum += record.ProcessId ?? 0;
                for (var i = 0; i < record.NamedValueCount; i++)
                {
                    sum += record.GetName(i).Length + record.GetText(i).Length;
                }
            }
        }

        return sum;
    }

    [Benchmark(Description = "field lookup by name (Image, CommandLine, TargetUserName)")]
    public long FieldLookup()
    {
        long sum = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                sum += record.EventId ?? 0;
                if (record.TryGetText("Image", out var image))
                {
                    sum += image.Length;
                }

                if (record.TryGetText("CommandLine", out var commandLine))
                {
                    sum += commandLine.Length;
                }

                if (record.TryGetText("TargetUserName", out var user))
                {
                    sum += user.Length;
                }
            }
        }

        return sum;
    }

    [Benchmark(Description = "XML rendering")]
    public long Xml()
    {
        long bytes = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                _output.Clear();
                record.RenderXml(_output, 0);
                bytes += _output.Length;
            }
        }

        return bytes;
    }

    [Benchmark(Description = "JSON rendering")]
    public long Json()
    {
        long bytes = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                _output.Clear();
                record.RenderJson(_output);
                bytes += _output.Length;
            }
        }

        return bytes;
    }

    [Benchmark(Description = "JSON rendering, generic renderer only (no recorded plans)")]
    public long JsonGeneric()
    {
        long bytes = 0;
        foreach (var file in _files)
        {
            foreach (var record in file.ReadRecords())
            {
                _output.Clear();
                JsonRenderer.Render(record, _output, usePlans: false);
                bytes += _output.Length;
            }
        }

        return bytes;
    }

    [Benchmark(Description = "CRC-32 of one 64 KiB chunk")]
    public uint Crc() => Crc32.Compute(_chunk);

    private static string FindCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigie.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "evtx"));
    }
}
