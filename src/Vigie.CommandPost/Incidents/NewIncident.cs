namespace Vigie.CommandPost.Incidents;

public sealed record NewIncident(string Title, IncidentKind Kind, DateTimeOffset? DetectedAt = null, Severity Severity = Severity.Elevee, string? Site = null, bool Exercise = false);
