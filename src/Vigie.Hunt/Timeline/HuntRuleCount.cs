namespace Vigie.Hunt;

/// <summary>A rule and how many detections it gave.</summary>
public sealed record HuntRuleCount(string Title, string RuleId, HuntLevel Level, string Author, long Count);
