using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Incidents;

namespace Vigie.Web.Common;

public sealed record IncidentResponse(long Id, string Title, IncidentKind Kind, DateTimeOffset DetectedAt, DateTimeOffset DeclaredAt, IncidentPhase Phase,
    Severity Severity, string? Site, string CreatedBy, long JournalEntries, string JournalHeadHash)
{
    public static IncidentResponse From(Incident i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Title, i.Kind, i.DetectedAt, i.DeclaredAt, i.Phase, i.Severity, i.Site, i.CreatedBy, i.JournalCount, i.JournalHead);
    }
}

public sealed record JournalPage(long IncidentId, long AfterSeq, int Limit, int Count, long? NextAfterSeq, IReadOnlyList<Vigie.CommandPost.Journal.JournalEntry> Entries);

public sealed record ActionResponse(long Id, long IncidentId, string Title, string Owner, DateTimeOffset? DueAt, ActionStatus Status, bool Overdue, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt)
{
    public static ActionResponse From(CrisisAction a, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.IncidentId, a.Title, a.Owner, a.DueAt, a.Status, a.IsOverdue(now), a.CreatedAt, a.CreatedBy, a.UpdatedAt);
    }
}
