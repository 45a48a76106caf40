namespace Vigie.Web.Api;

/// <summary>Body of POST /api/v1/incidents. kind: cyber | other; severity: faible | moyenne | elevee | critique.</summary>
public sealed record CreateIncidentRequest(string? Title, string? Kind, DateTimeOffset? DetectedAt, string? Severity, string? Site);

/// <summary>
/// Body of POST /api/v1/incidents/{id}/journal. kind: fait | decision | action | communication | note. occurredAt: not
/// after now; before the incident's detection only with occurredAtReason (why). link: any type but those Vigie writes.
/// </summary>
public sealed record AppendJournalRequest(string? Kind, string? Text, DateTimeOffset? OccurredAt, JournalLinkRequest? Link, string? OccurredAtReason = null);

public sealed record JournalLinkRequest(string? Type, string? Id);

/// <summary>Body of POST /api/v1/incidents/{id}/journal/{seq}/corrections.</summary>
public sealed record CorrectionRequest(string? Text);

/// <summary>Body of POST /api/v1/incidents/{id}/phase. phase: detection | confinement | crise | reprise | cloture.</summary>
public sealed record PhaseRequest(string? Phase);

/// <summary>Body of PUT /api/v1/incidents/{id}/roles/{role}: the person who takes the role.</summary>
public sealed record AssignRoleRequest(string? User);

/// <summary>Body of POST /api/v1/incidents/{id}/actions.</summary>
public sealed record CreateActionRequest(string? Title, string? Owner, DateTimeOffset? DueAt);

/// <summary>Body of PATCH /api/v1/incidents/{id}/actions/{actionId}. status: a_faire | en_cours | fait | abandonne.</summary>
public sealed record PatchActionRequest(string? Status, string? Owner, DateTimeOffset? DueAt);

/// <summary>Body of PUT /api/v1/crisis-roles/{key}.</summary>
public sealed record SaveRoleRequest(string? Label, string? LabelEn, int? Sort, bool? Active);
