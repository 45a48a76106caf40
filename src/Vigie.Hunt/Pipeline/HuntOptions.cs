namespace Vigie.Hunt;

/// <summary>How a hunt runs.</summary>
public sealed record HuntOptions
{
    /// <summary>Worker threads (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Detections below this level are not written (correlations still see them).</summary>
    public HuntLevel MinLevel { get; init; } = HuntLevel.Informational;

    /// <summary>Where the final time ordering spills sorted runs when it must (default: the system's temporary folder).</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Detections kept in memory before a sorted run is spilled to disk. While a full buffer is being sorted and
    /// written, readers fill the next one, so up to one buffer per reader thread plus one can be in memory at once.
    /// </summary>
    public int DetectionsInMemory { get; init; } = 50_000;

    /// <summary>
    /// The backtracking regular expression time each rule may spend in one hunt (every thread together): a rule
    /// whose lookaround or backreference pattern runs away is disabled past it and listed in
    /// <see cref="HuntSummary.DisabledRules"/>. Each value also has its own timeout (<see cref="Sigma.SigmaEngineOptions.RegexTimeout"/>).
    /// </summary>
    public TimeSpan RegexBudgetPerRule { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called from the hunt's threads, at most a few times a second.</summary>
    public Action<HuntProgress>? Progress { get; init; }
}
