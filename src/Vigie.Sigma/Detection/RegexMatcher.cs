using System.Text.RegularExpressions;

namespace Vigie.Sigma.Detection;

/// <summary>A regular expression (searched anywhere in the value), compiled once, with a match timeout.</summary>
internal sealed class RegexMatcher(Regex regex) : ValueMatcher
{
    public Regex Regex { get; } = regex;

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
