namespace Vigie.Sigma;

/// <summary>
/// Where a log source's events are: channels, event ids (none: every event of the channel), extra
/// field conditions, and for events whose fields differ from the rule taxonomy (Security 4688 for
/// process creation), field renames and the fields that such events do not have.
/// </summary>
public sealed class LogsourceTarget
{
    /// <summary>A short name for reports (<c>sysmon</c>, <c>security-4688</c>, ...).</summary>
    public required string Name { get; init; }

    /// <summary>Channels (compared case-insensitively).</summary>
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>Event ids, or empty for all.</summary>
    public IReadOnlyList<int> EventIds { get; init; } = [];

    /// <summary>Rule field name to event field name.</summary>
    public IReadOnlyDictionary<string, string> Renames { get; init; } = new Dictionary<string, string>();

    /// <summary>Rule fields these events never have: a condition that needs one cannot be decided.</summary>
    public IReadOnlySet<string> Unavailable { get; init; } = new HashSet<string>();

    /// <summary>
    /// Rule field to (rule value to event value), for fields whose values these events write differently
    /// (Sysmon's <c>IntegrityLevel</c> <c>High</c> is 4688's <c>MandatoryLabel</c> <c>S-1-16-12288</c>). An item on
    /// such a field that is not a plain equality with a known value cannot be decided.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Extra conditions on the event: field to accepted values (case-insensitive equality).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Conditions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
