namespace Vigie.Sigma;

/// <summary>The <c>logsource</c> of a rule: which events it is written for.</summary>
public sealed record SigmaLogsource(string? Product, string? Category, string? Service, string? Definition)
{
    /// <summary>True when every attribute this log source sets is set to the same value in <paramref name="other"/>.</summary>
    public bool Contains(SigmaLogsource other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(Product, other.Product) && Same(Category, other.Category) && Same(Service, other.Service);

        static bool Same(string? mine, string? theirs) =>
            mine is null || string.Equals(mine, theirs, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", new[] { ("product", Product), ("category", Category), ("service", Service) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}: {p.Item2}"));
}
