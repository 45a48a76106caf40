namespace Vigie.Sigma.Detection;

/// <summary>Equals, starts with, ends with or contains a plain text.</summary>
internal sealed class StringMatcher(StringMatchKind kind, string text, bool cased) : ValueMatcher
{
    private readonly StringComparison _comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public StringMatchKind Kind { get; } = kind;

    public string Text { get; } = text;

    public bool Cased { get; } = cased;

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) => Kind switch
    {
        StringMatchKind.Equals => value.Equals(Text, _comparison),
        StringMatchKind.StartsWith => value.StartsWith(Text, _comparison),
        StringMatchKind.EndsWith => value.EndsWith(Text, _comparison),
        _ => value.Contains(Text, _comparison),
    };

    public override string? RequiredLiteral => Literal(Text);

    public override string Describe() => $"{Kind.ToString().ToLowerInvariant()} '{Text}'{(Cased ? " (cased)" : "")}";
}
