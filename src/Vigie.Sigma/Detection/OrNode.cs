namespace Vigie.Sigma.Detection;

internal sealed class OrNode(Node[] children) : Node
{
    public Node[] Children { get; } = children;

    public override bool Evaluate(EvalContext context)
    {
        foreach (var child in Children)
        {
            if (child.Evaluate(context))
            {
                return true;
            }
        }

        return false;
    }
}
