namespace Vigie.Hunt;

/// <summary>One machine's detections: how many, first and last, and counts by ATT&amp;CK tactic.</summary>
public sealed record HuntHostSummary(
    string Computer,
    long Detections,
    DateTime First,
    DateTime Last,
    IReadOnlyDictionary<HuntLevel, long> ByLevel,
    IReadOnlyDictionary<string, long> ByTactic);
