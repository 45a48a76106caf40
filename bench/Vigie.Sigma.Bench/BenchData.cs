using Vigie.Sigma.Testing;

namespace Vigie.Sigma.Bench;

/// <summary>What the benchmark matches: every loaded Windows rule, and the corpus events repeated to at least 150,000.</summary>
internal static class BenchData
{
    public const int MinimumEvents = 150_000;

    public static string Repository { get; } = FindRepository();

    public static string SharedData => Path.GetFullPath(Path.Combine(Repository, "..", "shared", "data"));

    public static SigmaRuleSet LoadRules(bool prefilter = true)
    {
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { UsePrefilter = prefilter });
        foreach (var folder in new[] { "rules/windows", "rules-emerging-threats", "rules-threat-hunting" })
        {
            builder.AddPath(Path.Combine(SharedData, "sigma", folder));
        }

        return builder.Build();
    }

    public static SigmaEvent[] LoadEvents()
    {
        var cache = Path.Combine(Repository, "bench", "results", "evtx-xml-cache");
        var corpus = CorpusEvents.Load(Path.Combine(SharedData, "evtx"), cache).Select(e => e.Event).ToArray();
        var repeat = (MinimumEvents + corpus.Length - 1) / corpus.Length;
        var events = new SigmaEvent[corpus.Length * repeat];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = corpus[i % corpus.Length];
        }

        return events;
    }

    /// <summary>A copy of an event (null values stay null).</summary>
    public static SigmaEvent Copy(SigmaEvent source)
    {
        var copy = new SigmaEvent();
        foreach (var name in source.Names)
        {
            var values = source.Values(name);
            if (values.Count == 0)
            {
                copy.Add(name, null);
            }

            foreach (var value in values)
            {
                copy.Add(name, value);
            }
        }

        return copy;
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Vigie.slnx not found above " + AppContext.BaseDirectory);
    }
}
