using System.Text;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Engine;
using Vigie.Sigma.Prefilter;
using Vigie.Sigma.Tests.Regression;

namespace Vigie.Sigma.Tests.Loading;

/// <summary>
/// The prefilters' cache form: an automaton read back finds what the built one finds, and a damaged one is either
/// refused (what makes the rule cache compile afresh) or searches without failing or looping, whatever byte is hit.
/// </summary>
public sealed class PrefilterCacheFormTests
{
    private static readonly string[] s_texts =
    [
        "", "sekurlsa::logonpasswords", "C:\\Windows\\System32\\LSADUMP.exe", "abababab bab", "cmd 😀 😃 done", "Ünïcödé ſ ı K",
        new string('a', 300), "x😀", "\uD83D", "\uDE00\uD83D",
    ];

    [Fact]
    public void Automaton_ReadBack_FindsWhatTheBuiltOneFinds()
    {
        // With more than 254 distinct characters, so that some share the last class.
        string[] literals = ["sekurlsa::", "lsadump", "😀", "é", "a", "ab", "bab", .. Enumerable.Range(0x400, 300).Select(c => $"{(char)c}x")];
        var built = new AhoCorasick(literals);

        var read = AhoCorasick.Read(new BinaryReader(new MemoryStream(Bytes(built.Write))), literals.Length);

        Assert.Equal(built.States, read.States);
        Assert.Equal(built.TableBytes, read.TableBytes);
        foreach (var text in s_texts.Concat(literals))
        {
            Assert.Equal(Found(built, text), Found(read, text));
        }

        Assert.Contains(2, Found(read, "cmd 😀")); // the emoji literal
        for (var id = 0; id < literals.Length; id++)
        {
            // Past 254 characters some share a class: more is found, never less (each literal, in either case).
            Assert.Contains(id, Found(read, $"before {literals[id]} after"));
            Assert.Contains(id, Found(read, $"{literals[id].ToUpperInvariant()}"));
        }
    }

    [Fact]
    public async Task Automaton_WhenAnyByteIsDamaged_IsRefusedOrSearchesSafely()
    {
        string[] literals = ["sekurlsa::", "lsadump", "😀", "é", "a", "ab", "bab"];
        var built = new AhoCorasick(literals);
        var bytes = Bytes(built.Write);
        var (refused, kept) = (0, 0);
        var run = Task.Run(() =>
        {
            // Each byte changed four ways, and at each place a 32-bit number written that could be a state, an
            // output or a class (a state's suffix link turned to itself or to a later state makes a cycle).
            var damages = new List<Action<byte[], int>>
            {
                (d, at) => d[at] ^= 0xFF,
                (d, at) => d[at]++,
                (d, at) => d[at]--,
                (d, at) => d[at] = 0x80,
            };
            for (var value = -1; value <= built.States; value++)
            {
                var v = value;
                damages.Add((d, at) => BitConverter.TryWriteBytes(d.AsSpan(at), v));
            }

            for (var at = 0; at < bytes.Length; at++)
            {
                foreach (var damage in damages)
                {
                    var damaged = (byte[])bytes.Clone();
                    damage(damaged, at);
                    AhoCorasick automaton;
                    try
                    {
                        automaton = AhoCorasick.Read(new BinaryReader(new MemoryStream(damaged)), literals.Length);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or OverflowException)
                    {
                        refused++;
                        continue;
                    }

                    kept++;
                    foreach (var text in s_texts)
                    {
                        Assert.All(Found(automaton, text), id => Assert.InRange(id, 0, literals.Length - 1));
                    }
                }
            }
        }, TestContext.Current.CancellationToken);

        await run.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken); // a TimeoutException: a damaged automaton loops
        Assert.True(refused > bytes.Length, $"{refused} damaged copies refused, {kept} kept");
    }

    [Fact]
    public void Prefilter_WhenAnyByteIsDamaged_IsRefusedOrCollectsSafely()
    {
        // A real bucket's prefilter (the smallest with two automata or more), damaged at 3,000 places.
        var rules = SharedRules.WithPrefilter;
        var bucket = rules.Index.Buckets.Where(b => b.Prefilter?.Automata.Count() >= 2).MinBy(b => b.Prefilter!.TableBytes)!;
        var bytes = Bytes(bucket.Prefilter!.Write);
        var ev = new SigmaEvent();
        foreach (var (field, _) in bucket.Prefilter.Automata)
        {
            ev.Add(field.Name, "C:\\Windows\\System32\\cmd.exe /c sekurlsa::logonpasswords 😀 powershell -enc");
        }

        var context = new EvalContext { Event = ev };
        var scratch = new MatcherScratch();
        var random = new Random(20261207);
        var (refused, kept) = (0, 0);
        for (var trial = 0; trial < 3000; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            LiteralPrefilter prefilter;
            try
            {
                prefilter = LiteralPrefilter.Read(new BinaryReader(new MemoryStream(damaged)), rules.Fields, bucket.Variants.Length);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or OverflowException)
            {
                refused++;
                continue;
            }

            kept++;
            Assert.All(prefilter.Collect(context, scratch, bucket.Variants.Length), v => Assert.InRange(v, 0, bucket.Variants.Length - 1));
        }

        Assert.True(refused > 0 && kept > 0, $"{refused} refused, {kept} kept");
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static List<int> Found(AhoCorasick automaton, string text)
    {
        var sink = new Collecting([]);
        automaton.Search(text, ref sink);
        return [.. sink.Found.Order()];
    }

    private readonly record struct Collecting(List<int> Found) : ILiteralSink
    {
        public void OnLiteral(int literal) => Found.Add(literal);
    }
}
