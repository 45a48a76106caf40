namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The invariant upper case of every UTF-16 unit, in a table built once: the same folding as
/// <see cref="char.ToUpperInvariant"/> (and so as ordinal ignore-case comparison outside surrogates),
/// without a call into ICU for each non-ASCII character of an event.
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
            table[i] = char.IsSurrogate(c) ? c : char.ToUpperInvariant(c);
        }

        return table;
    }
}
