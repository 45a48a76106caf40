using System.Buffers;
using System.Text.RegularExpressions;

namespace Vigie.Sigma.Detection;

/// <summary>
/// A regular expression (searched anywhere in the value), compiled once; backtracking ones run with a match timeout.
/// A value that lacks the plain text every match contains is refused before the regex engine starts.
/// </summary>
internal sealed class RegexMatcher : ValueMatcher
{
    private readonly SearchValues<string>? _literalSearch;

    public RegexMatcher(Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        Regex = regex;
        if (RegexLiterals.Required(regex.ToString(), (regex.Options & RegexOptions.IgnoreCase) != 0) is { } literal)
        {
            // Ordinal case-insensitive containment is implied by a match, case-sensitive or not (see RegexLiterals).
            _literalSearch = SearchValues.Create([literal], StringComparison.OrdinalIgnoreCase);
            RequiredLiteral = Literal(literal);
        }
    }

    public Regex Regex { get; }

    /// <summary>A plain run of the pattern that every match contains (case-insensitive containment holds too).</summary>
    public override string? RequiredLiteral { get; }

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context)
    {
        // Every match contains the literal: a value without it cannot match, and a vectorised search is far
        // cheaper than starting the regex engine.
        if (_literalSearch is not null && value.IndexOfAny(_literalSearch) < 0)
        {
            return false;
        }

        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            context.RegexTimeouts++;
            context.LastTimedOutRule = context.CurrentRule;
            return false;
        }
    }

    public override string Describe() => $"regex '{Regex}'";
}
