using Vigie.CommandPost.Actions;

namespace Vigie.Web.Actions;

public sealed record ActionResponse(long Id, long IncidentId, string Title, string Owner, DateTimeOffset? DueAt, ActionStatus Status, bool Overdue, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt)
{
    public static ActionResponse From(CrisisAction a, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.IncidentId, a.Title, a.Owner, a.DueAt, a.Status, a.IsOverdue(now), a.CreatedAt, a.CreatedBy, a.UpdatedAt);
    }
}
