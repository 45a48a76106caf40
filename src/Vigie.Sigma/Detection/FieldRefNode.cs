namespace Vigie.Sigma.Detection;

/// <summary>
/// <c>field|fieldref: other</c>: compares a field with another field of the same event (equal, or with
/// startswith/endswith/contains); false when either is absent or null; <c>|neq</c> inverts.
/// </summary>
internal sealed class FieldRefNode(SigmaField field, SigmaField other, StringMatchKind kind, bool cased, bool negate) : Node
{
    public SigmaField Field { get; } = field;

    public SigmaField Other { get; } = other;

    public StringMatchKind Kind => kind;

    public bool Cased => cased;

    public bool Negate => negate;

    public override bool Evaluate(EvalContext context) => Test(context) != negate;

    private bool Test(EvalContext context)
    {
        var comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var ev = context.Event;
        for (var i = 0; ; i++)
        {
            var kind1 = ev.GetValue(Field, i, out var left);
            if (kind1 is SigmaValueKind.Absent or SigmaValueKind.Null)
            {
                return false;
            }

            for (var j = 0; ; j++)
            {
                var kind2 = ev.GetValue(Other, j, out var right);
                if (kind2 is SigmaValueKind.Absent or SigmaValueKind.Null)
                {
                    break;
                }

                var hit = kind switch
                {
                    StringMatchKind.Equals => left.Equals(right, comparison),
                    StringMatchKind.StartsWith => left.StartsWith(right, comparison),
                    StringMatchKind.EndsWith => left.EndsWith(right, comparison),
                    _ => left.Contains(right, comparison),
                };
                if (hit)
                {
                    return true;
                }

                if (kind2 != SigmaValueKind.MoreValues)
                {
                    break;
                }
            }

            if (kind1 != SigmaValueKind.MoreValues)
            {
                return false;
            }
        }
    }
}
