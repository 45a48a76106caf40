namespace Vigie.Sigma.Detection;

/// <summary>A compiled piece of a rule's condition. Immutable; evaluation state lives in <see cref="EvalContext"/>.</summary>
internal abstract class Node
{
    public abstract bool Evaluate(EvalContext context);
}
