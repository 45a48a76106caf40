namespace Vigie.Sigma.Tests.Regression;

/// <summary>One rule set, one matcher per thread: the same matches as a single thread.</summary>
public sealed class ThreadingTests
{
    [Fact]
    public void MatchersOnSeveralThreads_GiveTheSameMatchesAsOne()
    {
        var rules = SharedRules.WithPrefilter;
        var files = Directory.EnumerateFiles(Path.Combine(SharedRules.SigmaRoot, "regression_data"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToList();

        static List<string> Run(SigmaRuleSet rules, List<string> files)
        {
            // Each thread reads its own events: an event is used by one thread at a time.
            var matcher = rules.CreateMatcher();
            var matches = new List<SigmaMatch>();
            var seen = new List<string>();
            for (var round = 0; round < 5; round++)
            {
                foreach (var file in files)
                {
                    foreach (var ev in EvtxDumpJson.ReadFile(file))
                    {
                        matches.Clear();
                        matcher.Match(ev, matches);
                        seen.AddRange(matches.Select(m => $"{file}:{m.Rule.Id}:{m.Target}"));
                    }
                }
            }

            return seen;
        }

        var expected = Run(rules, files);
        var results = new List<string>[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Run(rules, files));
        Assert.True(expected.Count > 100);
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
