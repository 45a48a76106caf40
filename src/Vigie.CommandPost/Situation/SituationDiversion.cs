using Vigie.CommandPost.Continuity.Diversions;

namespace Vigie.CommandPost.Situation;

/// <summary>A diversion in force when the point was taken.</summary>
public sealed record SituationDiversion(long Id, string Site, string Unit, DiversionCategory Category, string? CustomCategory, DateTimeOffset StartedAt,
    DateTimeOffset? PlannedEndAt, DateTimeOffset NextReviewAt, bool ReviewOverdue);
