namespace Vigie.CommandPost.Deadlines;

/// <summary>A start event and when it happened for the incident (null: not yet).</summary>
public sealed record EventState(StartEvent Event, DateTimeOffset? At, string? SetBy);
