using System.Text;

namespace Vigie.Sigma.Detection;

/// <summary>
/// Finds a text that every match of a regular expression contains: the longest run of plain characters
/// at the top level of the pattern (outside groups, classes and optional parts). Conservative: any
/// construct it does not understand ends the run, and a top-level alternation gives no literal.
/// </summary>
internal static class RegexLiterals
{
    /// <remarks>
    /// Under case-insensitive matching the regex engine also equates K with the Kelvin sign and S with the
    /// long s, which ordinal case folding does not: such letters (and any non-ASCII one) end the run.
    /// </remarks>
    public static string? Required(string pattern, bool ignoreCase)
    {
        ignoreCase |= pattern.Contains("(?i", StringComparison.Ordinal) || pattern.Contains("(?m", StringComparison.Ordinal) ||
                      pattern.Contains("(?s", StringComparison.Ordinal);
        if (pattern.Contains("(?x", StringComparison.Ordinal) || pattern.Contains("(?#", StringComparison.Ordinal))
        {
            return null;
        }

        var best = "";
        var run = new StringBuilder();
        var depth = 0;
        var inClass = false;

        void EndRun()
        {
            if (run.Length > best.Length)
            {
                best = run.ToString();
            }

            run.Clear();
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (inClass)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    return null;
                }

                var next = pattern[++i];
                if (depth == 0 && !char.IsLetterOrDigit(next) && next != '_' && !char.IsWhiteSpace(next))
                {
                    // An escaped punctuation character is itself; it may be made optional by what follows.
                    if (Optional(pattern, i + 1))
                    {
                        EndRun();
                        continue;
                    }

                    if (ignoreCase && next > 127)
                    {
                        EndRun();
                        continue;
                    }

                    run.Append(next);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '+')
                    {
                        EndRun();
                    }
                }
                else
                {
                    EndRun();
                }

                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        i++;
                    }

                    EndRun();
                    continue;
                case '(':
                    depth++;
                    EndRun();
                    continue;
                case ')':
                    depth--;
                    EndRun();
                    continue;
                case '|':
                    if (depth == 0)
                    {
                        return null;
                    }

                    continue;
                case '.' or '^' or '$':
                    EndRun();
                    continue;
                case '{':
                    {
                        // A counted quantifier (or a literal brace): skip it whole, conservatively.
                        var close = pattern.IndexOf('}', i + 1);
                        if (close < 0)
                        {
                            return null;
                        }

                        i = close;
                        EndRun();
                        continue;
                    }

                case '*' or '?' or '+':
                    // Quantifiers are handled by looking ahead from the character they follow.
                    EndRun();
                    continue;
                default:
                    break;
            }

            if (depth > 0)
            {
                continue;
            }

            if (Optional(pattern, i + 1))
            {
                EndRun();
                continue;
            }

            if (ignoreCase && (c > 127 || c is 'k' or 'K' or 's' or 'S'))
            {
                EndRun();
                continue;
            }

            run.Append(c);
            if (i + 1 < pattern.Length && pattern[i + 1] == '+')
            {
                EndRun();
            }
        }

        if (depth != 0 || inClass)
        {
            return null;
        }

        EndRun();
        return best.Length >= 2 ? best : null;
    }

    /// <summary>True when the atom that ends before <paramref name="at"/> may be absent (<c>?</c>, <c>*</c>, <c>{0</c>) or is a lazy/other quantifier.</summary>
    private static bool Optional(string pattern, int at)
    {
        if (at >= pattern.Length)
        {
            return false;
        }

        return pattern[at] switch
        {
            '?' or '*' => true,
            '{' => true, // {n,m}: treat every counted repetition as possibly absent (conservative)
            _ => false,
        };
    }
}
