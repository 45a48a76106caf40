namespace Vigie.Hunt;

/// <summary>A rule disabled during a hunt because its regular expressions took more than the budget: how long, how many timed out.</summary>
public sealed record HuntDisabledRule(string Title, string RuleId, string Source, TimeSpan RegexTime, long Timeouts);
