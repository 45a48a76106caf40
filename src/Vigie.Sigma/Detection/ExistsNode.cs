namespace Vigie.Sigma.Detection;

/// <summary><c>field|exists: true/false</c>: presence of the field, whatever its value (empty or null included).</summary>
internal sealed class ExistsNode(SigmaField field, bool expected) : Node
{
    public SigmaField Field { get; } = field;

    public bool Expected { get; } = expected;

    public override bool Evaluate(EvalContext context) =>
        (context.Event.GetValue(Field, 0, out _) != SigmaValueKind.Absent) == Expected;
}
