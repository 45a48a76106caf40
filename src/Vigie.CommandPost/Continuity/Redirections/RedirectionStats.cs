namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// Counts for the dashboard and the ARS, with no patient data: patients met, redirected, kept as vital emergencies,
/// by hour of arrival (local time), by destination and by triage level (index 0 is tri 1).
/// </summary>
public sealed record RedirectionStats(
    long IncidentId,
    int Total,
    int Redirected,
    int KeptOnSite,
    IReadOnlyList<int> ByTriage,
    IReadOnlyList<HourCount> ByHour,
    IReadOnlyList<DestinationCount> ByDestination);

/// <summary>Patients who arrived in one local hour (<paramref name="Start"/> is the hour's first instant), by triage level.</summary>
public sealed record HourCount(DateTimeOffset Start, int Count, IReadOnlyList<int> ByTriage);

/// <summary>Patients sent to one destination (none: kept on site as vital emergencies), by triage level.</summary>
public sealed record DestinationCount(long? FacilityId, string Name, string? Finess, int Count, IReadOnlyList<int> ByTriage);
