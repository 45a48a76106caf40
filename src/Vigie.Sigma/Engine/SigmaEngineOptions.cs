namespace Vigie.Sigma;

/// <summary>How rules are loaded and compiled.</summary>
public sealed class SigmaEngineOptions
{
    /// <summary>Where log sources are (default: the mapping shipped with Vigie).</summary>
    public LogsourceMapping Logsources { get; init; } = LogsourceMapping.Default;

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
