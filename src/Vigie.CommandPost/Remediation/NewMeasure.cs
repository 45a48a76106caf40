namespace Vigie.CommandPost.Remediation;

public sealed record NewMeasure(string? Title, CareDomain Category, string? Owner, DateTimeOffset? DueAt, string? Notes = null);
