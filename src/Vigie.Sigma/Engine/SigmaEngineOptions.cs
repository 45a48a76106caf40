namespace Vigie.Sigma;

/// <summary>How rules are loaded and compiled.</summary>
public sealed class SigmaEngineOptions
{
    private readonly LogsourceMapping? _logsources;

    /// <summary>Where log sources are (default: the mapping shipped with Vigie).</summary>
    public LogsourceMapping Logsources
    {
        get => _logsources ?? LogsourceMapping.Default;
        init => _logsources = value;
    }

    /// <summary>
    /// A folder where compiled rule sets are kept between runs, keyed by the rule files' paths and contents, the
    /// options and the engine's build (null: no cache). A rule set found there loads in a fraction of the time
    /// of parsing and compiling its rules; any change to a rule file, an option or Vigie compiles afresh.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>What the options contribute to the cache key (the default mapping is not parsed for it).</summary>
    internal string Fingerprint => string.Join('\u0001',
        _logsources?.Fingerprint ?? "\n---\n" + LogsourceMapping.DefaultYaml,
        string.Join('\u0002', Placeholders.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + string.Join('\u0003', p.Value))),
        RegexTimeout.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MaxRuleFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        UsePrefilter ? "prefilter" : "no prefilter");

    /// <summary>
    /// Values of the placeholders that the <c>expand</c> modifier replaces (<c>%name%</c> to a list of
    /// values). A rule with a placeholder that has no values here is rejected, as the specification asks.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How long one regular expression may run on one value before it counts as no match.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Rule files larger than this are rejected unread.</summary>
    public long MaxRuleFileBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// Skip rules whose required literals are absent from the event (one multi-pattern search per field).
    /// Off only to check that it changes no result.
    /// </summary>
    public bool UsePrefilter { get; init; } = true;
}
