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
