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

    /// <summary>
    /// True when no text made only of <see cref="ISigmaEvent.ScalarCharacters"/> can match: every literal a match
    /// contains (<see cref="TryAddLiterals"/>) has a character that, case-insensitively, is none of them.
    /// </summary>
    public bool NeverMatchesScalarText()
    {
        var literals = new List<string>();
        return TryAddLiterals(literals) && literals.Count > 0 && literals.TrueForAll(HasNonScalarCharacter);
    }

    private static bool HasNonScalarCharacter(string literal)
    {
        foreach (var c in literal)
        {
            // Fold: the upper case ordinal case-insensitive comparison gives a UTF-16 unit (surrogates never fold to ASCII).
            if (!ISigmaEvent.ScalarCharacters.Contains(Prefilter.AhoCorasick.Fold(c), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

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

    protected static string? Literal(string text) => text.Length == 0 ? null : text;
}
