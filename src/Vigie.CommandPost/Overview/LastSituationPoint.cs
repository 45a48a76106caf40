namespace Vigie.CommandPost.Overview;

/// <summary>The latest situation point: its number, when it was taken, and the next one the director announced.</summary>
public sealed record LastSituationPoint(int Number, DateTimeOffset TakenAt, DateTimeOffset? NextPointAt);
