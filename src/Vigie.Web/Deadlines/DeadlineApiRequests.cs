namespace Vigie.Web.Deadlines;

/// <summary>Body of PUT /api/v1/incidents/{id}/deadlines/questions/{questionId}. answer: oui | non | ne_sait_pas.</summary>
public sealed record AnswerRequest(string? Answer);

/// <summary>Body of PUT /api/v1/incidents/{id}/deadlines/events/{eventId}: when the manual start event happened.</summary>
public sealed record EventRequest(DateTimeOffset? At);

/// <summary>Body of POST /api/v1/incidents/{id}/deadlines/{deadlineId}/sent. sentAt defaults to now.</summary>
public sealed record SentRequest(DateTimeOffset? SentAt, string? Reference);

/// <summary>Body of POST /api/v1/incidents/{id}/deadlines/{deadlineId}/sent/cancel.</summary>
public sealed record CancelSentRequest(string? Reason);

/// <summary>Body of PUT /api/v1/incidents/{id}/deadlines/{deadlineId}/draft. final: this is the text sent (journaled).</summary>
public sealed record DraftRequest(string? Text, bool Final);
