namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>A validated <see cref="DiversionRequest"/>.</summary>
public sealed record NewDiversion(DiversionCategory Category, string? CustomCategory, DateTimeOffset StartedAt, DateTimeOffset? PlannedEndAt, int ReviewIntervalMinutes);
