namespace Vigie.CommandPost.Exercises;

/// <summary>What an observer writes in the grid (an objective or an expectation key, or both).</summary>
public sealed record NewObservation(string? ObjectiveKey, string? ExpectationKey, string? Observed, ObservationRating Rating,
    DateTimeOffset? ObservedAt = null, string? Role = null, long? EvidenceSeq = null, string? Comment = null);
