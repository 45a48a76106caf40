using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Correlation;

/// <summary>A compiled correlation rule.</summary>
internal sealed class CorrelationRule(
    SigmaRule rule,
    CorrelationType type,
    IReadOnlyList<CorrelationInput> inputs,
    IReadOnlyList<string> groupBy,
    TimeSpan timespan,
    IReadOnlyList<(ComparisonOperator Op, double Value)> condition,
    bool generate)
{
    public SigmaRule Rule { get; } = rule;

    public CorrelationType Type { get; } = type;

    /// <summary>The rules (detection or correlation) it reads, in the order of its <c>rules</c>.</summary>
    public IReadOnlyList<CorrelationInput> Inputs { get; } = inputs;

    /// <summary>Group-by names (aliases resolved per input in <see cref="CorrelationInput.GroupFields"/>).</summary>
    public IReadOnlyList<string> GroupBy { get; } = groupBy;

    public TimeSpan Timespan { get; } = timespan;

    public IReadOnlyList<(ComparisonOperator Op, double Value)> Condition { get; } = condition;

    public bool Generate { get; } = generate;

    /// <summary>
    /// True when the rule is judged at each match: a lower bound (gt, gte, eq) can fire as soon as it holds,
    /// and value_percentile judges the value of the match that just arrived.
    /// </summary>
    public bool FiresEarly => Type == CorrelationType.ValuePercentile || Condition.Count == 0 ||
        Condition.Any(c => c.Op is ComparisonOperator.Gt or ComparisonOperator.Gte or ComparisonOperator.Eq);

    public bool Holds(double value)
    {
        foreach (var (op, bound) in Condition)
        {
            if (!CompareMatcher.Compare(op, value, bound))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One rule a correlation reads, with the fields its events give for the group-by and the value.</summary>
internal sealed record CorrelationInput(SigmaRule Rule, IReadOnlyList<SigmaField> GroupFields, SigmaField? ValueField);
