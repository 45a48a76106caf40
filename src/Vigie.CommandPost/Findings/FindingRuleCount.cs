using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>A rule and how many findings it gave in the incident (its author is kept: Detection Rule License).</summary>
public sealed record FindingRuleCount(string Title, string RuleId, HuntLevel Level, string Author, long Count);
