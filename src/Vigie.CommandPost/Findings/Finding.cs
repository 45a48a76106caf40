using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>A hunt detection stored in an incident; <see cref="PinnedSeq"/> is the journal entry it was pinned to.</summary>
public sealed record Finding(
    long Id,
    long IncidentId,
    string RunId,
    DateTimeOffset DetectedAt,
    string Computer,
    string Channel,
    int? EventId,
    long? RecordId,
    string RuleTitle,
    string RuleId,
    HuntLevel Level,
    IReadOnlyList<string> Tactics,
    IReadOnlyList<string> Techniques,
    string RuleAuthor,
    IReadOnlyList<KeyValuePair<string, string>> Details,
    string SourceFile,
    bool IsCorrelation,
    long? PinnedSeq);
