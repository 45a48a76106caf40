using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// An incident's findings in figures, for the Findings view and for reports (RETEX): total, counts by
/// level, host and tactic, first and last detection, top rules. <see cref="Total"/> is 0 when the incident
/// has no findings.
/// </summary>
public sealed record FindingStatistics(
    long Total,
    IReadOnlyDictionary<HuntLevel, long> ByLevel,
    IReadOnlyList<KeyValuePair<string, long>> ByHost,
    IReadOnlyList<KeyValuePair<string, long>> ByTactic,
    DateTimeOffset? FirstDetection,
    DateTimeOffset? LastDetection,
    IReadOnlyList<FindingRuleCount> TopRules);
