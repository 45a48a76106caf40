using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>Filters of the Findings view and API: minimum level, host, ATT&amp;CK tactic, rule (title or id), time range.</summary>
public sealed record FindingFilter(
    HuntLevel? MinLevel = null,
    string? Computer = null,
    string? Tactic = null,
    string? Rule = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
