namespace Vigie.Sigma.Detection;

/// <summary>
/// A detection item on a field the target event does not have (a Sysmon-only field on Security 4688).
/// Replaced before use by a constant chosen by polarity, so that a rule matches only when its condition
/// is true whatever the missing field would have said.
/// </summary>
internal sealed class UnknownNode(string field) : Node
{
    public string Field { get; } = field;

    public override bool Evaluate(EvalContext context) => throw new InvalidOperationException("unresolved unknown field " + Field);
}
