using Vigie.CommandPost.Incidents;

namespace Vigie.Web.Incidents;

public sealed record IncidentResponse(long Id, string Title, IncidentKind Kind, DateTimeOffset DetectedAt, DateTimeOffset DeclaredAt, IncidentPhase Phase,
    Severity Severity, string? Site, string CreatedBy, long JournalEntries, string JournalHeadHash, bool Exercise)
{
    public static IncidentResponse From(Incident i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Title, i.Kind, i.DetectedAt, i.DeclaredAt, i.Phase, i.Severity, i.Site, i.CreatedBy, i.JournalCount, i.JournalHead, i.Exercise);
    }
}
