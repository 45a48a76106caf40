namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>What a person gives to create or edit a site.</summary>
public sealed record SiteInput(string? Name, string? Address, double? Latitude, double? Longitude, long? FacilityId = null);
