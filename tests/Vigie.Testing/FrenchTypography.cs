using System.Text.RegularExpressions;

namespace Vigie.Testing;

/// <summary>
/// The typography Vigie's French follows, as a checker for tests: a narrow no-break space (U+202F, "espace fine
/// insécable") before <c>: ; ? !</c> and inside « », the same narrow space between thousands (what .NET's fr-FR culture
/// writes: "1 218"), and a decimal comma ("7,4 km"). One space character for all of it, never U+00A0, so a text
/// reads the same wherever it comes from (resources, data files, journal texts written by the server).
/// </summary>
public static partial class FrenchTypography
{
    public const char NarrowNoBreakSpace = '\u202F';

    /// <summary>What is wrong with <paramref name="text"/>, one line per mistake (empty when it is right).</summary>
    public static IReadOnlyList<string> Mistakes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mistakes = new List<string>();

        // Placeholders ({0}, {1:N0}, {{incident}}) and addresses are not prose.
        var prose = Placeholder().Replace(text, "X");
        prose = Address().Replace(prose, "X");
        foreach (Match m in DoublePunctuation().Matches(prose))
        {
            // "?" alone (an unknown value) and "?!" are fine; anything else needs the narrow space before the mark.
            if (m.Index > 0 && prose[m.Index - 1] is not (NarrowNoBreakSpace or '\u00A0' or '?' or '!'))
            {
                mistakes.Add($"no narrow no-break space (U+202F) before '{m.Value}': …{Around(prose, m.Index)}…");
            }
        }

        foreach (Match m in OpeningQuote().Matches(prose))
        {
            mistakes.Add($"no narrow no-break space after '«': …{Around(prose, m.Index)}…");
        }

        foreach (Match m in ClosingQuote().Matches(prose))
        {
            mistakes.Add($"no narrow no-break space before '»': …{Around(prose, m.Index)}…");
        }

        if (prose.Contains('\u00A0', StringComparison.Ordinal))
        {
            mistakes.Add($"U+00A0 where Vigie uses U+202F: …{Around(prose, prose.IndexOf('\u00A0', StringComparison.Ordinal))}…");
        }

        foreach (Match m in DecimalPoint().Matches(prose))
        {
            mistakes.Add($"decimal point instead of a decimal comma: '{m.Value}'");
        }

        foreach (Match m in CommaThousands().Matches(prose))
        {
            mistakes.Add($"comma between thousands instead of a narrow space: '{m.Value}'");
        }

        return mistakes;
    }

    /// <summary>English text takes no space before <c>: ; ? !</c> and no U+202F (a French habit leaking into English).</summary>
    public static IReadOnlyList<string> EnglishMistakes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mistakes = new List<string>();
        var prose = Placeholder().Replace(text, "X");
        foreach (Match m in SpacedPunctuation().Matches(prose))
        {
            mistakes.Add($"space before '{m.Value.Trim()}' in English: …{Around(prose, m.Index)}…");
        }

        return mistakes;
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 25);
        return text[start..Math.Min(text.Length, index + 10)];
    }

    [GeneratedRegex(@"\{\{[^}]*\}\}|\{[0-9][^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[a-z]+://\S+|\b\w+\?\w+=\S*")]
    private static partial Regex Address();

    // A double punctuation mark that ends a phrase (followed by a space, the end or a closing mark): not "20:00", "a?b=c".
    [GeneratedRegex(@"[:;?!](?=\s|$|[)»""])")]
    private static partial Regex DoublePunctuation();

    [GeneratedRegex("«(?!\u202F)")]
    private static partial Regex OpeningQuote();

    [GeneratedRegex("(?<!\u202F)»")]
    private static partial Regex ClosingQuote();

    [GeneratedRegex(@"(?<![\w.])\d+\.\d+(?![\w.])")]
    private static partial Regex DecimalPoint();

    [GeneratedRegex(@"(?<![\w,])\d{1,3}(?:,\d{3})+(?![\w,])")]
    private static partial Regex CommaThousands();

    [GeneratedRegex("[ \u00A0\u202F][:;?!](?=\\s|$)")]
    private static partial Regex SpacedPunctuation();
}
