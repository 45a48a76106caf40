using BenchmarkDotNet.Attributes;

namespace Vigie.Sigma.Bench;

/// <summary>
/// Matching alone: every loaded Windows rule against the shared EVTX corpus repeated to at least
/// 150,000 events (events materialised beforehand). One operation is one pass over all the events:
/// events/s = events / mean; allocated bytes per event = Allocated / events.
/// </summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private SigmaEvent[] _events = [];
    private SigmaEvent[] _secondEvents = [];
    private SigmaMatcher _matcher = null!;
    private SigmaMatcher _matcherWithoutPrefilter = null!;
    private readonly List<SigmaMatch> _matches = new(64);
    private readonly List<SigmaMatch> _secondMatches = new(64);
    private SigmaMatcher _secondMatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _events = BenchData.LoadEvents();
        // An event is read by one thread at a time (ISigmaEvent): the second thread gets its own copies.
        var copies = new Dictionary<SigmaEvent, SigmaEvent>(ReferenceEqualityComparer.Instance);
        _secondEvents = [.. _events.Select(e => copies.TryGetValue(e, out var c) ? c : copies[e] = BenchData.Copy(e))];
        var rules = BenchData.LoadRules();
        _matcher = rules.CreateMatcher();
        _secondMatcher = rules.CreateMatcher();
        _matcherWithoutPrefilter = BenchData.LoadRules(prefilter: false).CreateMatcher();
        Console.WriteLine($"// {_events.Length} events");
    }

    [Benchmark(Baseline = true, Description = "all rules, index + literal prefilter")]
    public int MatchAll() => Run(_matcher);

    [Benchmark(Description = "all rules, index + prefilter, 2 threads (one matcher each)")]
    public int MatchAllTwoThreads()
    {
        var half = _events.Length / 2;
        var totals = new int[2];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, part =>
        {
            var matcher = part == 0 ? _matcher : _secondMatcher;
            var matches = part == 0 ? _matches : _secondMatches;
            var (events, from, to) = part == 0 ? (_events, 0, half) : (_secondEvents, half, _events.Length);
            var total = 0;
            for (var i = from; i < to; i++)
            {
                matches.Clear();
                total += matcher.Match(events[i], matches);
            }

            totals[part] = total;
        });
        return totals[0] + totals[1];
    }

    [Benchmark(Description = "all rules, index only (no prefilter)")]
    public int MatchAllWithoutPrefilter() => Run(_matcherWithoutPrefilter);

    private int Run(SigmaMatcher matcher)
    {
        var total = 0;
        foreach (var ev in _events)
        {
            _matches.Clear();
            total += matcher.Match(ev, _matches);
        }

        return total;
    }
}
