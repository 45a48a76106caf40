using Vigie.CommandPost.Continuity.Diversions;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>
/// A decision on one service: its new status, why, when it will be re-evaluated and when it should reopen.
/// Closing an emergency department or putting a unit on diversion needs <paramref name="Diversion"/>.
/// <paramref name="EffectiveAt"/>: when it really happened, if earlier than now (the cut was at 03:00, recorded at 05:50):
/// never in the future, never before the service's previous change, and before the incident's detection only with
/// <paramref name="BeforeDetectionReason"/>. The board's "since", the status history, the journal entry's occurredAt and
/// so the RETEX's key times take this time, not the time it was typed.
/// </summary>
public sealed record StatusChange(
    ServiceStatus Status,
    string? Reason,
    DateTimeOffset? NextReviewAt = null,
    DateTimeOffset? PlannedReopenAt = null,
    DiversionRequest? Diversion = null,
    DateTimeOffset? EffectiveAt = null,
    string? BeforeDetectionReason = null);
