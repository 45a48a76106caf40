using System.Buffers;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vigie.Sigma.Detection;

/// <summary>
/// A regular expression (searched anywhere in the value), compiled once; backtracking ones run with a match timeout.
/// A value that lacks the plain text every match contains is refused before the regex engine starts.
/// </summary>
internal sealed class RegexMatcher : ValueMatcher
{
    private readonly SearchValues<string>? _literalSearch;
    private readonly bool _backtracking;

    public RegexMatcher(Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        Regex = regex;
        _backtracking = (regex.Options & RegexOptions.NonBacktracking) == 0;
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

        if (!_backtracking)
        {
            return Regex.IsMatch(value); // linear in the value's length: no timeout, nothing to budget
        }

        return IsMatchBounded(value, context);
    }

    /// <summary>
    /// The backtracking engine: a timeout per value, at most one timeout per rule and event (the rule's other
    /// regular expressions then count as no match for that event), and the time counted against the rule's budget.
    /// </summary>
    private bool IsMatchBounded(ReadOnlySpan<char> value, EvalContext context)
    {
        if (context.CurrentRuleTimedOut)
        {
            return false;
        }

        var start = Stopwatch.GetTimestamp();
        var timedOut = false;
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            context.RegexTimeouts++;
            context.LastTimedOutRule = context.CurrentRule;
            context.CurrentRuleTimedOut = true;
            return false;
        }
        finally
        {
            if (context.Budget is { } budget && context.CurrentRule is { } rule)
            {
                budget.Spend(rule, Stopwatch.GetTimestamp() - start, timedOut);
            }
        }
    }

    public override string Describe() => $"regex '{Regex}'";
}
