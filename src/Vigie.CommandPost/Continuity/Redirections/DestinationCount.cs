namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>Patients sent to one destination (none: kept on site as vital emergencies), by triage level.</summary>
public sealed record DestinationCount(long? FacilityId, string Name, string? Finess, int Count, IReadOnlyList<int> ByTriage);
