using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Overview;

/// <summary>A service or IT system that is not normal, as the crisis board lists it (its site named).</summary>
public sealed record DownService(
    long ServiceId,
    string Site,
    string Name,
    ServiceCategory Category,
    bool Emergency,
    ServiceStatus Status,
    string? Reason,
    DateTimeOffset Since,
    DateTimeOffset? NextReviewAt)
{
    public bool IsOverdue(DateTimeOffset now) => NextReviewAt is { } due && due <= now;
}
