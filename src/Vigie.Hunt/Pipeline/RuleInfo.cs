using Vigie.Sigma;

namespace Vigie.Hunt.Pipeline;

/// <summary>What the hunt needs of one rule, computed once: metadata for the rows, fields for the details and the correlations.</summary>
internal sealed class RuleInfo
{
    private static readonly HashSet<string> s_tactics = new(StringComparer.OrdinalIgnoreCase)
    {
        "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
        "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
        "collection", "command-and-control", "exfiltration", "impact",
    };

    public RuleInfo(SigmaRule rule, SigmaRuleSet rules, HuntLevel minLevel)
    {
        Rule = rule;
        Level = HuntLevels.OfRule(rule.Level);
        var tactics = new List<string>();
        var techniques = new List<string>();
        foreach (var tag in rule.Tags)
        {
            if (!tag.StartsWith("attack.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = tag["attack.".Length..];
            if (name.Length > 1 && (name[0] is 't' or 'T') && char.IsAsciiDigit(name[1]))
            {
                techniques.Add(name.ToUpperInvariant());
            }
            else if (s_tactics.Contains(name))
            {
                tactics.Add(name.ToLowerInvariant());
            }
        }

        Tactics = tactics.Distinct(StringComparer.Ordinal).ToArray();
        Techniques = techniques.Distinct(StringComparer.Ordinal).ToArray();
        DetectionFields = rules.DetectionFieldsOf(rule);
        CorrelationFields = rules.CorrelationFieldsOf(rule);
        Output = rule.Standalone && Level >= minLevel;
    }

    public SigmaRule Rule { get; }

    public HuntLevel Level { get; }

    public string[] Tactics { get; }

    public string[] Techniques { get; }

    public IReadOnlyList<SigmaField> DetectionFields { get; }

    /// <summary>Fields correlations read from this rule's matches; null when no correlation reads it.</summary>
    public IReadOnlyList<SigmaField>? CorrelationFields { get; }

    /// <summary>True when the rule's detections go to the timeline (standalone, at or above the minimum level).</summary>
    public bool Output { get; }

    /// <summary>True when a detection must be kept: shown, or needed by a correlation.</summary>
    public bool Keep => Output || CorrelationFields is not null;
}
