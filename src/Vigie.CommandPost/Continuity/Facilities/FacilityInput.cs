namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>
/// A facility as typed in a form, sent to the API or read from a CSV line. Capabilities are wire names; status is
/// optional (absent: unchanged on update, inconnu on creation).
/// </summary>
public sealed record FacilityInput(
    string? Finess,
    string? Name,
    string? Address,
    string? Postcode,
    string? City,
    double? Latitude,
    double? Longitude,
    bool Approximate,
    string? Phone,
    string? EdPhone,
    string? SamuPhone,
    IReadOnlyList<string>? Capabilities,
    string? Status = null,
    string? Notes = null);
