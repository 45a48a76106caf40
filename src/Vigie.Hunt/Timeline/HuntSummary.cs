namespace Vigie.Hunt;

/// <summary>What a hunt read and found: counts for the end-of-run summary and the reports.</summary>
public sealed record HuntSummary
{
    /// <summary>Input files found.</summary>
    public int Files { get; init; }

    /// <summary>Files read (fully or partly).</summary>
    public int FilesRead { get; init; }

    /// <summary>Events read (EVTX records and JSON lines events).</summary>
    public long Events { get; init; }

    /// <summary>Rules loaded (detection and correlation).</summary>
    public int Rules { get; init; }

    /// <summary>Detections written (at or above the minimum level), correlations included.</summary>
    public long Detections { get; init; }

    /// <summary>Detections by level.</summary>
    public IReadOnlyDictionary<HuntLevel, long> ByLevel { get; init; } = new Dictionary<HuntLevel, long>();

    /// <summary>Rules by number of detections, most first (title, id, level, author, count).</summary>
    public IReadOnlyList<HuntRuleCount> TopRules { get; init; } = [];

    /// <summary>Per host: detections, first and last detection, counts by tactic.</summary>
    public IReadOnlyList<HuntHostSummary> Hosts { get; init; } = [];

    /// <summary>Detections by ATT&amp;CK tactic (a detection counts once per tactic of its rule).</summary>
    public IReadOnlyDictionary<string, long> ByTactic { get; init; } = new Dictionary<string, long>();

    /// <summary>The first and last detection times (null when nothing fired).</summary>
    public DateTime? FirstDetection { get; init; }

    /// <summary>See <see cref="FirstDetection"/>.</summary>
    public DateTime? LastDetection { get; init; }

    /// <summary>The first and last event times read (null when no event had a time).</summary>
    public DateTime? FirstEvent { get; init; }

    /// <summary>See <see cref="FirstEvent"/>.</summary>
    public DateTime? LastEvent { get; init; }

    /// <summary>Files that could not be read fully, and why.</summary>
    public IReadOnlyList<HuntFileProblem> FileProblems { get; init; } = [];

    /// <summary>Regular expression matches that timed out (counted as no match).</summary>
    public long RegexTimeouts { get; init; }

    /// <summary>Rules disabled during the hunt because their regular expressions ran past the budget (their later detections are missing).</summary>
    public IReadOnlyList<HuntDisabledRule> DisabledRules { get; init; } = [];

    /// <summary>Wall-clock duration of the hunt.</summary>
    public TimeSpan Elapsed { get; init; }
}
