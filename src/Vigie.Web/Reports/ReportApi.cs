namespace Vigie.Web.Reports;

/// <summary>Body of PUT /api/v1/incidents/{id}/report/key-times/{key}: the time, or null to go back to the deduced one.</summary>
public sealed record KeyTimeRequest(DateTimeOffset? At);
