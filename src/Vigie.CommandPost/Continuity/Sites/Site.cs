using Vigie.CommandPost.Continuity.Geo;

namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>
/// A site of the hospital: where patients arrive and where distances to other facilities are measured from.
/// <paramref name="FacilityId"/> is the site's own entry in the territory directory, never suggested as a destination.
/// </summary>
public sealed record Site(long Id, string Name, string? Address, double Latitude, double Longitude, long? FacilityId, bool Active)
{
    public GeoPoint Position => new(Latitude, Longitude);
}
