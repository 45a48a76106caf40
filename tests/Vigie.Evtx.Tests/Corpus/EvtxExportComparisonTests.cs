using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Vigie.Evtx.Tests.Corpus;

namespace Vigie.Evtx.Tests;

/// <summary>
/// The shared corpus (277 files, 8,255 records) read by Vigie and by libevtx's evtxexport: same records,
/// same values. Documented differences normalised on both sides (see <see cref="EventXmlCanonicalizer"/>):
/// evtxexport zero-pads hexadecimal integers (0x00000000000342ba where Windows shows 0x342ba) and prints
/// FILETIME with nine fractional digits (Windows shows seven, the 100 ns precision of the value).
/// </summary>
public sealed class EvtxExportComparisonTests
{
    [Fact]
    public async Task Corpus_WhenReadByVigieAndEvtxexport_GivesTheSameRecordsAndValues()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var evtxexport = TestEnvironment.Tool("evtxexport");
        var files = Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var differences = new ConcurrentBag<string>();
        var total = 0;

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = TestContext.Current.CancellationToken },
            async (path, token) =>
            {
                var reference = EventXmlCanonicalizer.ParseEvents(await RunEvtxexport(evtxexport, path, token));
                var ours = new List<(ulong Id, string Xml)>();
                Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
                using (file)
                {
                    foreach (var record in file.ReadRecords(p => differences.Add($"{path}: unexpected problem {p}")))
                    {
                        ours.Add((record.RecordId, record.ToXml()));
                    }
                }

                Interlocked.Add(ref total, ours.Count);
                var name = Path.GetRelativePath(corpus, path);
                if (reference.Count != ours.Count)
                {
                    differences.Add($"{name}: evtxexport has {reference.Count} records, Vigie {ours.Count}");
                }

                for (var i = 0; i < Math.Min(reference.Count, ours.Count); i++)
                {
                    var expected = EventXmlCanonicalizer.Canonical(reference[i]);
                    var actual = EventXmlCanonicalizer.Canonical(Assert.Single(EventXmlCanonicalizer.ParseEvents(ours[i].Xml)), decode: true);
                    if (!expected.SequenceEqual(actual))
                    {
                        var line = Enumerable.Range(0, Math.Max(expected.Count, actual.Count))
                            .First(k => k >= expected.Count || k >= actual.Count || expected[k] != actual[k]);
                        differences.Add($"{name}: record {ours[i].Id} (#{i}) differs:\n  evtxexport: {(line < expected.Count ? expected[line] : "(nothing)")}\n  vigie:      {(line < actual.Count ? actual[line] : "(nothing)")}");
                    }
                }
            });

        Assert.True(differences.IsEmpty, $"{differences.Count} difference(s):\n" + string.Join("\n", differences.Take(20)));
        Assert.Equal(277, files.Count);
        Assert.Equal(8255, total);
    }

    internal static async Task<string> RunEvtxexport(string tool, string path, CancellationToken token, string mode = "items")
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add("xml");
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        Assert.True(process.ExitCode == 0, $"evtxexport failed on {path}: {await error}");
        return await output;
    }
}
