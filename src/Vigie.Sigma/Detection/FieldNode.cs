namespace Vigie.Sigma.Detection;

/// <summary>
/// One field of a selection with its values: true when a value of the field matches any of the matchers
/// (all of them with <c>|all</c>); <see cref="MatchNull"/> accepts an absent or null field; <see cref="Negate"/>
/// (<c>|neq</c>) inverts the result.
/// </summary>
internal sealed class FieldNode(SigmaField field, ValueMatcher[] matchers, bool all, bool matchNull, bool negate) : Node
{
    public SigmaField Field { get; } = field;

    public ValueMatcher[] Matchers { get; } = matchers;

    public bool All { get; } = all;

    public bool MatchNull { get; } = matchNull;

    public bool Negate { get; } = negate;

    public override bool Evaluate(EvalContext context) => Test(context) != Negate;

    private bool Test(EvalContext context)
    {
        var ev = context.Event;
        var kind = ev.GetValue(Field, 0, out var value);
        if (kind is SigmaValueKind.Absent or SigmaValueKind.Null)
        {
            return MatchNull;
        }

        var matchers = Matchers;
        if (kind == SigmaValueKind.Value)
        {
            if (All)
            {
                foreach (var m in matchers)
                {
                    if (!m.IsMatch(value, context))
                    {
                        return false;
                    }
                }

                return matchers.Length > 0;
            }

            foreach (var m in matchers)
            {
                if (m.IsMatch(value, context))
                {
                    return true;
                }
            }

            return false;
        }

        return All ? AllOverValues(context) : AnyOverValues(context);
    }

    private bool AnyOverValues(EvalContext context)
    {
        var ev = context.Event;
        for (var i = 0; ; i++)
        {
            var kind = ev.GetValue(Field, i, out var value);
            if (kind is SigmaValueKind.Absent or SigmaValueKind.Null)
            {
                return false;
            }

            foreach (var m in Matchers)
            {
                if (m.IsMatch(value, context))
                {
                    return true;
                }
            }

            if (kind != SigmaValueKind.MoreValues)
            {
                return false;
            }
        }
    }

    private bool AllOverValues(EvalContext context)
    {
        var ev = context.Event;
        foreach (var m in Matchers)
        {
            var found = false;
            for (var i = 0; !found; i++)
            {
                var kind = ev.GetValue(Field, i, out var value);
                if (kind is SigmaValueKind.Absent or SigmaValueKind.Null)
                {
                    break;
                }

                found = m.IsMatch(value, context);
                if (kind != SigmaValueKind.MoreValues)
                {
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return Matchers.Length > 0;
    }
}
