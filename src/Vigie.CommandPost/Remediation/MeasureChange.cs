using Vigie.CommandPost.Actions;

namespace Vigie.CommandPost.Remediation;

/// <summary>A change to a measure: any of status, owner, due time, category, notes (null: unchanged).</summary>
public sealed record MeasureChange(ActionStatus? Status = null, string? Owner = null, DateTimeOffset? DueAt = null, CareDomain? Category = null, string? Notes = null);
