namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>A validated <see cref="FacilityInput"/>, trimmed, empty texts as null, capabilities parsed and sorted.</summary>
public sealed record FacilityData(
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
    FacilityStatus? Status,
    string? Notes);
