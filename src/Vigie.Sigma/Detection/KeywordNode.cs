namespace Vigie.Sigma.Detection;

/// <summary>
/// Keyword search: true when some value of the event (any field) matches any of the matchers, or, with
/// <c>|all</c>, when each matcher matches some value.
/// </summary>
internal sealed class KeywordNode(ValueMatcher[] matchers, bool all) : Node
{
    public ValueMatcher[] Matchers { get; } = matchers;

    public bool All { get; } = all;

    public override bool Evaluate(EvalContext context)
    {
        if (!All)
        {
            foreach (var m in Matchers)
            {
                if (AnyValue(m, context))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var m in Matchers)
        {
            if (!AnyValue(m, context))
            {
                return false;
            }
        }

        return Matchers.Length > 0;
    }

    private static bool AnyValue(ValueMatcher matcher, EvalContext context)
    {
        var ev = context.Event;
        for (var i = 0; ev.GetAnyValue(i, out var value) != SigmaValueKind.Absent; i++)
        {
            if (matcher.IsMatch(value, context))
            {
                return true;
            }
        }

        return false;
    }
}
