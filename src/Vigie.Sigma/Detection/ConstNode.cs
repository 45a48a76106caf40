namespace Vigie.Sigma.Detection;

internal sealed class ConstNode : Node
{
    public static ConstNode True { get; } = new(true);

    public static ConstNode False { get; } = new(false);

    private ConstNode(bool value) => Value = value;

    public static ConstNode Of(bool value) => value ? True : False;

    public bool Value { get; }

    public override bool Evaluate(EvalContext context) => Value;
}
