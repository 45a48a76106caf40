namespace Vigie.Sigma;

/// <summary>A rule disabled during a run because its regular expressions took too long, with what they took.</summary>
public sealed record SigmaDisabledRule(SigmaRule Rule, TimeSpan RegexTime, long Timeouts);
