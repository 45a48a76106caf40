using Vigie.CommandPost.Continuity.Geo;

namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>
/// A receiving facility of the territory. <paramref name="Approximate"/> says the coordinates are approximate;
/// status is the last known one, with who gave it and when.
/// </summary>
public sealed record Facility(
    long Id,
    string? Finess,
    string Name,
    string? Address,
    string? Postcode,
    string? City,
    double Latitude,
    double Longitude,
    bool Approximate,
    string? Phone,
    string? EdPhone,
    string? SamuPhone,
    IReadOnlyList<Capability> Capabilities,
    FacilityStatus Status,
    string? StatusNote,
    DateTimeOffset? StatusAt,
    string? StatusBy,
    string? Notes,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public GeoPoint Position => new(Latitude, Longitude);

    public bool Has(Capability capability) => Capabilities.Contains(capability);

    public bool HasEmergency => Has(Capability.UrgencesAdultes) || Has(Capability.UrgencesPediatriques);

    /// <summary>The number to give a patient: the emergency department's, else the switchboard's.</summary>
    public string? BestPhone => EdPhone ?? Phone;

    /// <summary>Street, postcode and city on one line.</summary>
    public string FullAddress => string.Join(", ", new[] { Address, string.Join(' ', new[] { Postcode, City }.Where(p => !string.IsNullOrWhiteSpace(p))) }
        .Where(p => !string.IsNullOrWhiteSpace(p)));
}
