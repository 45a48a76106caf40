namespace Vigie.CommandPost.Journal;

/// <summary>The audit line of a recorded change: "feature.verb", the target ("incident:1/action:2") and a detail.</summary>
public sealed record AuditLine(string Action, string? Target = null, string? Detail = null);
