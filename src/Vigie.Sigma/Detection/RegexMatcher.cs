using System.Buffers;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vigie.Sigma.Detection;

/// <summary>
/// A regular expression (searched anywhere in the value), compiled once; backtracking ones run with a match timeout.
/// A value that lacks the plain text every match contains is refused before the regex engine starts. Read from the
/// compiled rule cache, the pattern is known valid and the engine is built on first use.
/// </summary>
internal sealed class RegexMatcher : ValueMatcher
{
    private readonly SearchValues<string>? _literalSearch;
    private Regex? _regex;

    /// <summary>A regular expression just compiled (and so validated).</summary>
    public RegexMatcher(Regex regex)
        : this(regex?.ToString() ?? throw new ArgumentNullException(nameof(regex)), regex.Options & ~RegexOptions.NonBacktracking,
            regex.MatchTimeout, (regex.Options & RegexOptions.NonBacktracking) == 0) => _regex = regex;

    /// <summary>A regular expression read from the cache: built on first use, with the engine chosen when it was compiled.</summary>
    public RegexMatcher(string pattern, RegexOptions options, TimeSpan timeout, bool backtracking)
    {
        Pattern = pattern;
        Options = options;
        Timeout = timeout;
        Backtracking = backtracking;
        if (RegexLiterals.Required(pattern, (options & RegexOptions.IgnoreCase) != 0) is { } literal)
        {
            // Ordinal case-insensitive containment is implied by a match, case-sensitive or not (see RegexLiterals).
            _literalSearch = SearchValues.Create([literal], StringComparison.OrdinalIgnoreCase);
            RequiredLiteral = Literal(literal);
        }
    }

    public string Pattern { get; }

    /// <summary>The options as written (without <see cref="RegexOptions.NonBacktracking"/>).</summary>
    public RegexOptions Options { get; }

    public TimeSpan Timeout { get; }

    /// <summary>True on the backtracking engine (lookaround, backreference): timed, and counted against the run's budget.</summary>
    public bool Backtracking { get; }

    public Regex Regex => _regex ?? Create();

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

        if (!Backtracking)
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Regex Create() => LazyInitializer.EnsureInitialized(ref _regex, () => Backtracking
        ? new Regex(Pattern, Options, Timeout)
        : new Regex(Pattern, Options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout));

    public override string Describe() => $"regex '{Pattern}'";
}
