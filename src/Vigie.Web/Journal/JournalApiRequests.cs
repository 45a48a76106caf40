namespace Vigie.Web.Journal;

/// <summary>
/// Body of POST /api/v1/incidents/{id}/journal. kind: fait | decision | action | communication | note. occurredAt: not
/// after now; before the incident's detection only with occurredAtReason (why). link: any type but those Vigie writes.
/// attachments: files stored first with POST /api/v1/incidents/{id}/evidence, by their sha256, with the name to show.
/// </summary>
public sealed record AppendJournalRequest(string? Kind, string? Text, DateTimeOffset? OccurredAt, JournalLinkRequest? Link, string? OccurredAtReason = null,
    IReadOnlyList<AttachmentRequest?>? Attachments = null);

public sealed record AttachmentRequest(string? Sha256, string? FileName);

public sealed record JournalLinkRequest(string? Type, string? Id);

/// <summary>Body of POST /api/v1/incidents/{id}/journal/{seq}/corrections.</summary>
public sealed record CorrectionRequest(string? Text);
