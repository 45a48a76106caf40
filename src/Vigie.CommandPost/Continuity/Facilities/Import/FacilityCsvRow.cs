namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>A valid line of an imported file, with its line number.</summary>
public sealed record FacilityCsvRow(int Line, FacilityData Data);
