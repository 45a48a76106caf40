namespace Vigie.Web.Incidents;

/// <summary>Body of POST /api/v1/incidents. kind: cyber | other; severity: faible | moyenne | elevee | critique; exercise: true for a crisis exercise (never changes).</summary>
public sealed record CreateIncidentRequest(string? Title, string? Kind, DateTimeOffset? DetectedAt, string? Severity, string? Site, bool? Exercise = null);

/// <summary>
/// Body of POST /api/v1/incidents/{id}/phase. phase: detection | confinement | crise | reprise | cloture; effectiveAt
/// (optional): when it really happened, if earlier (not before the detection, not in the future).
/// </summary>
public sealed record PhaseRequest(string? Phase, DateTimeOffset? EffectiveAt = null);
