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
    private SigmaMatcher _matcher = null!;
    private SigmaMatcher _matcherWithoutPrefilter = null!;
    private readonly List<SigmaMatch> _matches = new(64);

    [GlobalSetup]
    public void Setup()
    {
        _events = BenchData.LoadEvents();
        _matcher = BenchData.LoadRules().CreateMatcher();
        _matcherWithoutPrefilter = BenchData.LoadRules(prefilter: false).CreateMatcher();
        Console.WriteLine($"// {_events.Length} events");
    }

    [Benchmark(Baseline = true, Description = "all rules, index + literal prefilter")]
    public int MatchAll() => Run(_matcher);

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
