using Vigie.CommandPost.Continuity.Facilities;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>A possible destination: the facility, how it fits, the great-circle distance from the site and the estimated drive time.</summary>
public sealed record Suggestion(Facility Facility, CapabilityFit Fit, double DistanceKm, int DriveMinutes)
{
    public bool Recommended => Fit != CapabilityFit.Aucune;
}
