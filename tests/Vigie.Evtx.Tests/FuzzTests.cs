using System.Buffers.Binary;
using System.Diagnostics;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// Mutates real files (bit flips, overwritten runs, truncations, garbage chunks, absurd sizes and offsets)
/// with a fixed seed and reads every mutant completely (fields, XML, JSON): never an exception, never
/// more than a few seconds per file, allocations bounded, and only format problems reported.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20_240_211;
    private const int IterationsPerSource = 60;

    // A longer local run: VIGIE_FUZZ_SEED and VIGIE_FUZZ_ITERATIONS override the CI values.
    private static readonly int s_seed = int.TryParse(Environment.GetEnvironmentVariable("VIGIE_FUZZ_SEED"), out var seed) ? seed : Seed;
    private static readonly int s_iterations = int.TryParse(Environment.GetEnvironmentVariable("VIGIE_FUZZ_ITERATIONS"), out var n) ? n : IterationsPerSource;
    private static readonly TimeSpan s_perFileBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Reader_WhenFilesAreMutated_NeverThrowsHangsOrBalloons()
    {
        var sources = new List<(string Name, byte[] Bytes)>
        {
            ("fixture", Fixture.SimpleFile(40)),
        };
        var corpus = RepositoryPaths.SharedData("evtx");
        foreach (var name in new[]
                 {
                     "Defense Evasion/Win_4985_T1186_Process_Doppelganging.evtx",
                     "Command and Control/DE_RDP_Tunnel_5156.evtx",
                     "Credential Access/ACL_ForcePwd_SPNAdd_User_Computer_Accounts.evtx",
                     "Defense Evasion/DE_1102_security_log_cleared.evtx",
                     "Lateral Movement/LM_5145_Remote_FileCopy.evtx",
                     "Credential Access/dc_applog_ntdsutil_dfir_325_326_327.evtx",
                 })
        {
            sources.Add((name, File.ReadAllBytes(Path.Combine(corpus, name))));
        }

        var random = new Random(s_seed);
        var mutants = 0;
        foreach (var (name, original) in sources)
        {
            for (var i = 0; i < s_iterations; i++)
            {
                var mutant = (byte[])original.Clone();
                var description = Mutate(mutant, random, out var length);
                ReadCompletely(mutant.AsMemory(0, length), $"{name} #{i} ({description})");
                mutants++;
            }
        }

        Assert.Equal(sources.Count * s_iterations, mutants);
    }

    private static void ReadCompletely(ReadOnlyMemory<byte> image, string what)
    {
        var task = Task.Run(() =>
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var problems = new List<EvtxProblem>();
            var records = 0;
            if (!EvtxFile.TryOpen(image, "mutant.evtx", out var file, out _))
            {
                return (records, problems, 0L);
            }

            using (file)
            {
                foreach (var record in file.ReadRecords(problems.Add))
                {
                    records++;
                    _ = record.EventId;
                    _ = record.Channel;
                    _ = record.TimeCreated;
                    _ = record.UserId;
                    for (var i = 0; i < record.NamedValueCount; i++)
                    {
                        _ = record.GetName(i);
                        _ = record.GetText(i);
                    }

                    _ = record.TryGetText("Data[1]", out _);
                    _ = record.ToXml();
                    _ = record.ToJson();
                }
            }

            return (records, problems, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        });

        var finished = task.Wait(s_perFileBound);
        Assert.True(finished, $"reading {what} took more than {s_perFileBound.TotalSeconds} s");
        var (count, found, allocated) = task.Result;
        Assert.True(count <= (image.Length / 28) + 1, $"{what}: {count} records from {image.Length} bytes");
        Assert.True(allocated < 256L * 1024 * 1024, $"{what}: {allocated / 1048576} MB allocated");
        Assert.All(found, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    private static string Mutate(byte[] bytes, Random random, out int length)
    {
        length = bytes.Length;
        var chunks = Math.Max(1, (bytes.Length - 4096) / 65536);
        int ChunkStart() => 4096 + (random.Next(chunks) * 65536);
        switch (random.Next(8))
        {
            case 0:
                {
                    var flips = random.Next(1, 40);
                    for (var i = 0; i < flips; i++)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return $"{flips} bit flips";
                }

            case 1:
                {
                    var start = ChunkStart() + 512 + random.Next(4000);
                    var run = random.Next(1, 200);
                    random.NextBytes(bytes.AsSpan(start, Math.Min(run, bytes.Length - start)));
                    return $"garbage run of {run} at {start}";
                }

            case 2:
                length = random.Next(1, bytes.Length);
                return $"truncated to {length}";
            case 3:
                {
                    var start = ChunkStart();
                    random.NextBytes(bytes.AsSpan(start + 8, 65536 - 8));
                    "ElfChnk\0"u8.CopyTo(bytes.AsSpan(start));
                    return $"garbage chunk with a signature at {start}";
                }

            case 4:
                {
                    var start = ChunkStart();
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(start + 48), (uint)random.Next());
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(start + 512 + 4), random.Next(2) == 0 ? uint.MaxValue : (uint)random.Next(65536));
                    return "absurd free space offset and record size";
                }

            case 5:
                {
                    // Absurd 32-bit values (offsets, sizes, counts) written over the Binary XML of a record.
                    var start = ChunkStart() + 512 + 24 + random.Next(600);
                    var writes = random.Next(1, 6);
                    for (var i = 0; i < writes; i++)
                    {
                        var at = start + random.Next(200);
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), random.Next(3) switch
                        {
                            0 => uint.MaxValue,
                            1 => (uint)random.Next(512, 65536),
                            _ => (uint)random.Next(),
                        });
                    }

                    return $"{writes} absurd offsets or sizes in Binary XML";
                }

            case 6:
                {
                    var start = ChunkStart() + 512 + random.Next(8000);
                    var count = random.Next(1, 64);
                    for (var i = 0; i < count; i++)
                    {
                        bytes[start + random.Next(400)] = (byte)random.Next(0x10);
                    }

                    return $"{count} bytes replaced by token values";
                }

            default:
                {
                    var start = ChunkStart();
                    Array.Clear(bytes, start + random.Next(512, 60000), random.Next(1, 5000));
                    return "zeroed run";
                }
        }
    }

    [Fact]
    public void Mutate_IsDeterministic()
    {
        var first = Fixture.SimpleFile(3);
        var second = (byte[])first.Clone();
        Mutate(first, new Random(Seed), out _);
        Mutate(second, new Random(Seed), out _);
        Assert.Equal(first, second);
        _ = Stopwatch.GetTimestamp();
    }
}
