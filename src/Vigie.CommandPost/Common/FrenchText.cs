using System.Globalization;
using System.Text;

namespace Vigie.CommandPost.Common;

/// <summary>
/// How the server writes French for people (journal texts, drafts, slips): numbers as fr-FR writes them ("1 218",
/// "7,4") and French typography. One space character for it all: U+202F, the narrow no-break space ("espace fine
/// insécable") that .NET's fr-FR culture puts between thousands, before <c>: ; ? !</c> and inside « ».
/// </summary>
public static class FrenchText
{
    /// <summary>The narrow no-break space (U+202F).</summary>
    public const char Space = '\u202F';

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"1 218" (U+202F between thousands).</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>"7,4" with <paramref name="format"/> ("0.#" by default): a decimal comma.</summary>
    public static string Decimal(double value, string format = "0.#") => value.ToString(format, Culture);

    /// <summary>
    /// A French text the server composed, typeset: the plain space before <c>: ; ? !</c> (when the mark ends a phrase,
    /// so "20:00" and addresses stay as they are), after « and before » becomes U+202F. Values quoted in the text
    /// (a title someone typed) are typeset with it. Never used on a text a person wrote for the journal.
    /// </summary>
    public static string Typeset(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\u00A0')
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                var afterNext = i + 2 < text.Length ? text[i + 2] : '\0';
                var previous = i > 0 ? text[i - 1] : '\0';
                if ((next is ':' or ';' or '?' or '!' && (afterNext is '\0' or ' ' or '\n' or '\r' or ')' or '»')) || next == '»' || previous == '«')
                {
                    result.Append(Space);
                    continue;
                }
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
