using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Continuity.Facilities;

internal sealed class FacilityRow
{
    public long Id { get; set; }
    public string? Finess { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? City { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public long Approximate { get; set; }
    public string? Phone { get; set; }
    public string? EdPhone { get; set; }
    public string? SamuPhone { get; set; }
    public string Capabilities { get; set; } = "";
    public string Status { get; set; } = "";
    public string? StatusNote { get; set; }
    public long? StatusAtUs { get; set; }
    public string? StatusBy { get; set; }
    public string? Notes { get; set; }
    public long UpdatedAtUs { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Capabilities are stored as space-separated wire names, in enum order.</summary>
    public static string JoinCapabilities(IEnumerable<Capability> capabilities) =>
        string.Join(' ', capabilities.Distinct().Order().Select(WireName<Capability>.Of));

    public static IReadOnlyList<Capability> SplitCapabilities(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => WireName<Capability>.TryParse(t, out var c) ? c : (Capability?)null)
            .OfType<Capability>().ToList();

    public Facility ToFacility() => new(Id, Finess, Name, Address, Postcode, City, Latitude, Longitude, Approximate != 0, Phone, EdPhone, SamuPhone,
        SplitCapabilities(Capabilities), WireName<FacilityStatus>.Parse(Status), StatusNote, StatusAtUs is { } s ? Time.FromMicros(s) : null, StatusBy, Notes,
        Time.FromMicros(UpdatedAtUs), UpdatedBy);
}
