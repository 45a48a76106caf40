namespace Vigie.CommandPost.Actions;

/// <summary>A change to an action: any of status, owner, due time (null: unchanged).</summary>
public sealed record ActionChange(ActionStatus? Status = null, string? Owner = null, DateTimeOffset? DueAt = null);
