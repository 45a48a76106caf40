using System.Text;

namespace Vigie.Sigma.Detection;

/// <summary>
/// Sigma strings after escape processing: wildcards become private-use characters so that literal
/// <c>*</c> and <c>?</c> (escaped in the rule) stay distinct from wildcards.
/// </summary>
internal static class SigmaText
{
    public const char Many = '\uE000';
    public const char One = '\uE001';

    public static bool IsWildcard(char c) => c is Many or One;

    public static bool HasWildcards(string s) => s.AsSpan().IndexOfAny(Many, One) >= 0;

    /// <summary>
    /// Applies the specification's escapes: <c>\*</c>, <c>\?</c> and <c>\\</c> are plain characters; a
    /// backslash before anything else is a plain backslash; unescaped <c>*</c> and <c>?</c> are wildcards.
    /// </summary>
    public static string Parse(string raw)
    {
        if (raw.AsSpan().IndexOfAny('*', '?', '\\') < 0)
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length && raw[i + 1] is '*' or '?' or '\\')
            {
                sb.Append(raw[i + 1]);
                i++;
            }
            else if (c == '*')
            {
                sb.Append(Many);
            }
            else if (c == '?')
            {
                sb.Append(One);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Back to Sigma notation, for messages.</summary>
    public static string Display(string s) => s.Replace(Many, '*').Replace(One, '?');
}
