namespace Vigie.CommandPost.Incidents;

/// <summary>An incident; <paramref name="Exercise"/> is set at creation and never changes (a crisis exercise, marked EXERCICE everywhere).</summary>

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
    string JournalHead,
    bool Exercise = false);
