namespace Vigie.Sigma.Detection;

/// <summary>A compiled test of one field value.</summary>
internal abstract class ValueMatcher
{
    public abstract bool IsMatch(ReadOnlySpan<char> value, EvalContext context);

    /// <summary>
    /// A text that every value this matcher accepts contains, compared case-insensitively (the
    /// prefilter's literal), or null when there is none.
    /// </summary>
    public virtual string? RequiredLiteral => null;

    /// <summary>
    /// Adds to <paramref name="literals"/> texts such that every value this matcher accepts contains one
    /// of them (case-insensitively); false when no such set exists.
    /// </summary>
    public virtual bool TryAddLiterals(List<string> literals)
    {
        if (RequiredLiteral is { } literal)
        {
            literals.Add(literal);
            return true;
        }

        return false;
    }

    public abstract string Describe();

    /// <summary>Adds every value as a literal; false (some already added) when one of them cannot be a literal.</summary>
    protected static bool AddLiterals(IEnumerable<string> values, List<string> literals)
    {
        foreach (var v in values)
        {
            if (Literal(v) is not { } literal)
            {
                return false;
            }

            literals.Add(literal);
        }

        return true;
    }

    protected static string? Literal(string text) =>
        text.Length == 0 || text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? null : text;
}
