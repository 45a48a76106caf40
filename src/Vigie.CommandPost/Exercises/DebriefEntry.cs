namespace Vigie.CommandPost.Exercises;

/// <summary>A line of the hot debrief (RETEX à chaud) at FINEX: for a function, what went well and what did not.</summary>
public sealed record DebriefEntry(long Id, DebriefFunction Function, string? WentWell, string? ToImprove, string Author, DateTimeOffset At);
