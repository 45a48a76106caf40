namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The upper case of every UTF-16 unit as ordinal ignore-case comparison sees it, in a table built once:
/// <see cref="char.ToUpperInvariant"/>, except where ordinal ignore-case comparison disagrees (U+017F,
/// the long s, is not equal to S for it), so that the prefilter and the matchers fold alike; and no call
/// into ICU for each non-ASCII character of an event.
/// </summary>
internal static class CaseFold
{
    private static readonly char[] s_upper = Build();

    public static char Upper(char c) => s_upper[c];

    private static char[] Build()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            var upper = char.IsSurrogate(c) ? c : char.ToUpperInvariant(c);
            table[i] = upper == c || string.Equals(c.ToString(), upper.ToString(), StringComparison.OrdinalIgnoreCase) ? upper : c;
        }

        return table;
    }
}
