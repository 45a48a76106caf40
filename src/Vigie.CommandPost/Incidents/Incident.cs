namespace Vigie.CommandPost.Incidents;

public sealed record Incident(
    long Id,
    string Title,
    IncidentKind Kind,
    DateTimeOffset DetectedAt,
    DateTimeOffset DeclaredAt,
    IncidentPhase Phase,
    Severity Severity,
    string? Site,
    string CreatedBy,
    long JournalCount,
    string JournalHead);
