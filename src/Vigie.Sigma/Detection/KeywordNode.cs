namespace Vigie.Sigma.Detection;

/// <summary>
/// Keyword search: true when some value of the event (any field) matches any of the matchers, or, with
/// <c>|all</c>, when each matcher matches some value.
/// </summary>
internal sealed class KeywordNode(ValueMatcher[] matchers, bool all) : Node
{
    // Per matcher: it needs a character no number, GUID or date has, so such values need not be built as text.
    private readonly bool[] _textOnly = [.. matchers.Select(m => m.NeverMatchesScalarText())];

    public ValueMatcher[] Matchers { get; } = matchers;

    public bool All { get; } = all;

    public override bool Evaluate(EvalContext context)
    {
        if (!All)
        {
            for (var m = 0; m < Matchers.Length; m++)
            {
                if (AnyValue(Matchers[m], _textOnly[m], context))
                {
                    return true;
                }
            }

            return false;
        }

        for (var m = 0; m < Matchers.Length; m++)
        {
            if (!AnyValue(Matchers[m], _textOnly[m], context))
            {
                return false;
            }
        }

        return Matchers.Length > 0;
    }

    private static bool AnyValue(ValueMatcher matcher, bool textOnly, EvalContext context)
    {
        var ev = context.Event;
        for (var i = 0; ; i++)
        {
            var kind = textOnly ? ev.GetAnyText(i, out var value) : ev.GetAnyValue(i, out value);
            if (kind == SigmaValueKind.Absent)
            {
                return false;
            }

            if (matcher.IsMatch(value, context))
            {
                return true;
            }
        }
    }
}
