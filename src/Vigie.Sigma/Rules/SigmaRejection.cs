namespace Vigie.Sigma;

/// <summary>A rule (or file) that could not be loaded, and why.</summary>
public sealed record SigmaRejection(string Source, string? RuleId, string? Title, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Reason}";
}
