using Vigie.CommandPost.Remediation;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// An item of the exercise's action plan. Sent (by an animator, on purpose) it becomes a measure of a real incident's
/// remediation plan: <paramref name="SentIncidentId"/> and <paramref name="SentMeasureId"/> say where.
/// </summary>
public sealed record ActionPlanItem(
    long Id,
    long IncidentId,
    string Title,
    CareDomain Category,
    string Owner,
    DateTimeOffset? DueAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    long? SentIncidentId,
    long? SentMeasureId,
    DateTimeOffset? SentAt,
    string? SentBy);
