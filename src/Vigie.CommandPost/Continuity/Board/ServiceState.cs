using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>
/// One line of the board: a service and its status in an incident (normal when never set). Since: when the status
/// started. A re-evaluation is overdue when it was due and the service is still not back to normal.
/// </summary>
public sealed record ServiceState(
    HospitalService Service,
    ServiceStatus Status,
    string? Reason,
    DateTimeOffset? Since,
    DateTimeOffset? NextReviewAt,
    DateTimeOffset? PlannedReopenAt,
    string? UpdatedBy,
    long? JournalSeq,
    long? DiversionId)
{
    public bool IsOverdue(DateTimeOffset now) => Status != ServiceStatus.Normal && NextReviewAt is { } due && due <= now;
}
