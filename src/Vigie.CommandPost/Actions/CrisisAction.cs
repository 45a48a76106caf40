namespace Vigie.CommandPost.Actions;

/// <summary>Who does what by when. Overdue: past its due time and still to do or under way.</summary>
public sealed record CrisisAction(long Id, long IncidentId, string Title, string Owner, DateTimeOffset? DueAt, ActionStatus Status, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt)
{
    public bool IsOpen => Status is ActionStatus.AFaire or ActionStatus.EnCours;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;
}
