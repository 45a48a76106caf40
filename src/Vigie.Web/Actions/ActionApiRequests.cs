namespace Vigie.Web.Actions;

/// <summary>Body of POST /api/v1/incidents/{id}/actions.</summary>
public sealed record CreateActionRequest(string? Title, string? Owner, DateTimeOffset? DueAt);

/// <summary>Body of PATCH /api/v1/incidents/{id}/actions/{actionId}. status: a_faire | en_cours | fait | abandonne.</summary>
public sealed record PatchActionRequest(string? Status, string? Owner, DateTimeOffset? DueAt);

/// <summary>Body of POST /api/v1/incidents/{id}/situation-points (optional): the director's assessment and the time of the next point.</summary>
public sealed record SituationRequest(string? Assessment, DateTimeOffset? NextPointAt);
