namespace Vigie.Sigma;

/// <summary>A rule that matched an event, and through which target of its log source (<c>sysmon</c>, <c>security-4688</c>, ...).</summary>
public readonly record struct SigmaMatch(SigmaRule Rule, string Target);
