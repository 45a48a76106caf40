namespace Vigie.Sigma.Conditions;

/// <summary>The parsed form of a rule's <c>condition</c>.</summary>
internal abstract record ConditionExpr;

internal sealed record AndExpr(IReadOnlyList<ConditionExpr> Items) : ConditionExpr;

internal sealed record OrExpr(IReadOnlyList<ConditionExpr> Items) : ConditionExpr;

internal sealed record NotExpr(ConditionExpr Item) : ConditionExpr;

internal sealed record IdentifierExpr(string Name) : ConditionExpr;

/// <summary><c>1 of x*</c>, <c>all of them</c>: <see cref="Count"/> is 0 for <c>all</c>; <see cref="Pattern"/> is null for <c>them</c>.</summary>
internal sealed record OfExpr(int Count, string? Pattern) : ConditionExpr;
