namespace Vigie.Sigma.Detection;

/// <summary>How a number read from an event compares with a rule's number (numeric modifiers, correlation conditions).</summary>
internal enum ComparisonOperator
{
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
}
