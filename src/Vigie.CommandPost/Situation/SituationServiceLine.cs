using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Situation;

/// <summary>A service or IT system that was not normal when the point was taken.</summary>
public sealed record SituationServiceLine(string Site, string Name, ServiceCategory Category, ServiceStatus Status, string? Reason, DateTimeOffset Since,
    DateTimeOffset? NextReviewAt, bool ReviewOverdue);
