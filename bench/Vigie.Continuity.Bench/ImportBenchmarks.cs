using BenchmarkDotNet.Attributes;
using Vigie.CommandPost.Continuity.Facilities.Import;

namespace Vigie.Continuity.Bench;

/// <summary>Reading and checking facility files (decoding, separator detection, Sep parsing, validation of every line).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] _extract = [];
    private byte[] _synthetic = [];

    [GlobalSetup]
    public void Setup()
    {
        _extract = ContinuityData.SharedExtract();
        _synthetic = ContinuityData.Synthetic(20_000);
    }

    /// <summary>The 278-line FINESS extract of Nord and Pas-de-Calais (57 KB, UTF-8, ',').</summary>
    [Benchmark(Baseline = true)]
    public int ReadSharedExtract() => FacilityCsvReader.Read(_extract).Rows.Count;

    /// <summary>20,000 lines, Windows-1252, ';', decimal commas, a quoted field per line.</summary>
    [Benchmark]
    public int ReadSynthetic20000() => FacilityCsvReader.Read(_synthetic).Rows.Count;
}
