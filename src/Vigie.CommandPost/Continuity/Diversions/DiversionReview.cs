namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>A re-evaluation that keeps the diversion: a note, and optionally a new planned end or a new interval.</summary>
public sealed record DiversionReview(string? Note, DateTimeOffset? PlannedEndAt = null, int? ReviewIntervalMinutes = null);
