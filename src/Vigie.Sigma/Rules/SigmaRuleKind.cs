namespace Vigie.Sigma;

/// <summary>What a loaded rule is.</summary>
public enum SigmaRuleKind
{
    /// <summary>A detection rule: matched against single events.</summary>
    Detection,

    /// <summary>A correlation rule: matched over a time-ordered stream of detection matches.</summary>
    Correlation,
}
