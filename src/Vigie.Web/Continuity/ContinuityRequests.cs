namespace Vigie.Web.Continuity;

/// <summary>Body of POST /api/v1/sites and PUT /api/v1/sites/{siteId}. withDefaultServices (creation only): the usual units and IT systems.</summary>
public sealed record SiteRequest(string? Name, string? Address, double? Latitude, double? Longitude, long? FacilityId, bool? WithDefaultServices, bool? Active);

/// <summary>Body of POST /api/v1/sites/{siteId}/services and PUT .../{serviceId}. category: clinique | si.</summary>
public sealed record ServiceRequest(string? Name, string? Category, bool? Emergency, int? Sort, bool? Active);

/// <summary>
/// Body of PUT /api/v1/incidents/{id}/services/{serviceId}/status. status: normal | degrade | ferme | diversion.
/// Closing an emergency department or putting a unit on diversion needs <c>diversion</c>. effectiveAt (optional): when it
/// really happened, if earlier than now (never in the future; before the detection only with beforeDetectionReason).
/// </summary>
public sealed record StatusRequest(string? Status, string? Reason, DateTimeOffset? NextReviewAt, DateTimeOffset? PlannedReopenAt, DiversionBody? Diversion,
    DateTimeOffset? EffectiveAt = null, string? BeforeDetectionReason = null);

/// <summary>
/// Body of PUT /api/v1/incidents/{id}/services/status: several services or IT systems at once, one status, one reason,
/// one time (effectiveAt, optional, as for one service). No diversion here: that is one unit at a time.
/// </summary>
public sealed record BulkStatusRequest(IReadOnlyList<long>? ServiceIds, string? Status, string? Reason, DateTimeOffset? EffectiveAt, string? BeforeDetectionReason,
    DateTimeOffset? NextReviewAt, DateTimeOffset? PlannedReopenAt);

/// <summary>category: totale | adultes_seulement | sauf_maternite | sauf_urgences_vitales | autre (with customCategory). Interval default 720 minutes.</summary>
public sealed record DiversionBody(string? Category, string? CustomCategory, DateTimeOffset? StartedAt, DateTimeOffset? PlannedEndAt, int? ReviewIntervalMinutes);

/// <summary>Body of POST /api/v1/incidents/{id}/diversions/{diversionId}/reviews: the diversion is kept; next re-evaluation = now + interval.</summary>
public sealed record DiversionReviewRequest(string? Note, DateTimeOffset? PlannedEndAt, int? ReviewIntervalMinutes);

/// <summary>Body of POST /api/v1/incidents/{id}/diversions/{diversionId}/end. serviceStatus: normal (default) | degrade.</summary>
public sealed record DiversionEndRequest(string? Reason, string? ServiceStatus);

/// <summary>Body of POST and PUT /api/v1/facilities. Capabilities: wire names; status (optional): inconnu | ouvert | tension | ferme.</summary>
public sealed record FacilityRequest(
    string? Finess, string? Name, string? Address, string? Postcode, string? City, double? Latitude, double? Longitude, bool? Approximate,
    string? Phone, string? EdPhone, string? SamuPhone, IReadOnlyList<string>? Capabilities, string? Status, string? Notes);

/// <summary>Body of PUT /api/v1/facilities/{facilityId}/status.</summary>
public sealed record FacilityStatusRequest(string? Status, string? Note);

/// <summary>Body of POST /api/v1/incidents/{id}/redirections/suggestions. need: optional (from the birth year).</summary>
public sealed record SuggestionRequest(long? SiteId, int? BirthYear, string? Need);

/// <summary>
/// Body of POST /api/v1/incidents/{id}/redirections. sex: femme | homme | non_precise; triage 1-5 (1: no facilityId or
/// transport nor ambulatory, the vital-emergency exception is recorded); transport: moyens_propres | ambulance | smur_samu;
/// submissionKey: optional idempotency key (8-64 letters, digits, '-', '_'), also accepted as the Idempotency-Key header.
/// </summary>
public sealed record RedirectionRequest(
    long? SiteId, DateTimeOffset? ArrivedAt, string? Initials, int? BirthYear, string? Sex, string? Reason, int? Triage, bool? Ambulatory,
    string? Need, long? FacilityId, string? Transport, string? SubmissionKey = null);
