namespace Vigie.Sigma.Detection;

/// <summary><c>N of pattern</c> for N above 1: at least N children are true.</summary>
internal sealed class AtLeastNode(Node[] children, int count) : Node
{
    public Node[] Children { get; } = children;

    public int Count { get; } = count;

    public override bool Evaluate(EvalContext context)
    {
        var hits = 0;
        foreach (var child in Children)
        {
            if (child.Evaluate(context) && ++hits >= Count)
            {
                return true;
            }
        }

        return false;
    }
}
