namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>
/// The diversion asked for when an emergency department closes or a unit goes on diversion. Category as a wire name;
/// the re-evaluation interval defaults to 12 hours; start defaults to now.
/// </summary>
public sealed record DiversionRequest(
    string? Category,
    string? CustomCategory = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? PlannedEndAt = null,
    int? ReviewIntervalMinutes = null);
