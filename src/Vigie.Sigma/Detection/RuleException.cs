namespace Vigie.Sigma.Detection;

/// <summary>A rule that cannot be compiled; caught by the compiler and turned into a rejection message.</summary>
internal sealed class RuleException(string message) : Exception(message);
