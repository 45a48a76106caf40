using Vigie.CommandPost.Remediation;

namespace Vigie.CommandPost.Exercises;

public sealed record NewActionPlanItem(string? Title, CareDomain Category, string? Owner, DateTimeOffset? DueAt = null);
