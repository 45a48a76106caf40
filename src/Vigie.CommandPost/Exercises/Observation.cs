namespace Vigie.CommandPost.Exercises;

/// <summary>
/// A line of the observation grid: which objective or expectation, the behaviour observed, when and by which role, the
/// rating, the evidence (a journal entry of the exercise) and a comment, by whom.
/// </summary>
public sealed record Observation(
    long Id,
    long IncidentId,
    string? ObjectiveKey,
    string? ExpectationKey,
    string Observed,
    DateTimeOffset? ObservedAt,
    string? Role,
    ObservationRating Rating,
    long? EvidenceSeq,
    string? Comment,
    string Observer,
    DateTimeOffset RecordedAt);
