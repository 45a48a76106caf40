using Vigie.CommandPost.Continuity.Diversions;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>
/// A decision on one service: its new status, why, when it will be re-evaluated and when it should reopen.
/// Closing an emergency department or putting a unit on diversion needs <paramref name="Diversion"/>.
/// </summary>
public sealed record StatusChange(
    ServiceStatus Status,
    string? Reason,
    DateTimeOffset? NextReviewAt = null,
    DateTimeOffset? PlannedReopenAt = null,
    DiversionRequest? Diversion = null);
