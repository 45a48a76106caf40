using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>One machine's findings: how many, first and last detection, counts by level and by ATT&amp;CK tactic.</summary>
public sealed record FindingHostSummary(
    string Computer,
    long Count,
    DateTimeOffset First,
    DateTimeOffset Last,
    IReadOnlyDictionary<HuntLevel, long> ByLevel,
    IReadOnlyDictionary<string, long> ByTactic);
