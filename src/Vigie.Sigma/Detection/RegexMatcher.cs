using System.Text.RegularExpressions;

namespace Vigie.Sigma.Detection;

/// <summary>A regular expression (searched anywhere in the value), compiled once, with a match timeout.</summary>
internal sealed class RegexMatcher(Regex regex) : ValueMatcher
{
    private readonly string? _literal = RegexLiterals.Required(regex.ToString(), (regex.Options & RegexOptions.IgnoreCase) != 0);

    public Regex Regex { get; } = regex;

    /// <summary>A plain run of the pattern that every match contains (case-insensitive containment holds too).</summary>
    public override string? RequiredLiteral => _literal is null ? null : Literal(_literal);

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context)
    {
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
