using Vigie.CommandPost.Actions;

namespace Vigie.CommandPost.Remediation;

/// <summary>A corrective measure of the remediation plan: a long-lived action born of an incident, followed after it is closed.</summary>
public sealed record RemediationMeasure(
    long Id,
    long IncidentId,
    string IncidentTitle,
    string Title,
    CareDomain Category,
    string Owner,
    DateTimeOffset? DueAt,
    ActionStatus Status,
    string? Notes,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DateTimeOffset? DoneAt)
{
    public bool IsOpen => Status is ActionStatus.AFaire or ActionStatus.EnCours;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;
}
