namespace Vigie.Sigma.Detection;

internal sealed class NotNode(Node child) : Node
{
    public Node Child { get; } = child;

    public override bool Evaluate(EvalContext context) => !Child.Evaluate(context);
}
