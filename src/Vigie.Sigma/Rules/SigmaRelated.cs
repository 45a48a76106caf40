namespace Vigie.Sigma;

/// <summary>An entry of a rule's <c>related</c> list: another rule's id and how it relates.</summary>
public sealed record SigmaRelated(string Id, string Type);
