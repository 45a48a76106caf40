using Vigie.Sigma.Testing;

namespace Vigie.Sigma.Tests.Regression;

/// <summary>
/// The literal prefilter only skips rules that cannot match: with and without it, every event of the
/// shared EVTX corpus and of the regression samples gets exactly the same matches.
/// </summary>
public sealed class PrefilterExactnessTests(ITestOutputHelper output)
{
    [Fact]
    public void Prefilter_OnCorpusAndRegressionEvents_ChangesNoMatch()
    {
        var evtx = RepositoryPaths.SharedData("evtx");
        var evtxexport = TestEnvironment.Tool("evtxexport");
        var cache = Path.Combine(Path.GetTempPath(), "vigie-sigma-corpus-cache");
        var events = CorpusEvents.Load(evtx, cache, evtxexport).Select(e => e.Event).ToList();
        var regression = Path.Combine(SharedRules.SigmaRoot, "regression_data");
        foreach (var json in Directory.EnumerateFiles(regression, "*.json", SearchOption.AllDirectories))
        {
            events.AddRange(EvtxDumpJson.ReadFile(json));
        }

        var fast = SharedRules.WithPrefilter.CreateMatcher();
        var slow = SharedRules.WithoutPrefilter.CreateMatcher();
        var a = new List<SigmaMatch>();
        var b = new List<SigmaMatch>();
        var total = 0;
        var differences = new List<string>();
        foreach (var ev in events)
        {
            a.Clear();
            b.Clear();
            fast.Match(ev, a);
            slow.Match(ev, b);
            total += a.Count;
            var left = a.Select(m => (m.Rule.Id, m.Target)).Order().ToList();
            var right = b.Select(m => (m.Rule.Id, m.Target)).Order().ToList();
            if (!left.SequenceEqual(right))
            {
                differences.Add($"{string.Join(",", left)} vs {string.Join(",", right)}");
            }
        }

        output.WriteLine($"{events.Count} events, {total} matches");
        Assert.True(events.Count > 8000, $"only {events.Count} events read");
        Assert.True(total > 100, "too few matches to prove anything");
        Assert.Empty(differences);
    }
}
