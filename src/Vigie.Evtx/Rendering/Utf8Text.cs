using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// UTF-16 to UTF-8 for the renderers, with the one reversible encoding both use for what their syntax cannot
/// carry: a UTF-16 code unit written <c>_xHHHH_</c> (four upper-case hexadecimal digits), the convention of
/// XmlConvert and OOXML. XML uses it for the characters XML 1.0 forbids (control characters other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF; lone surrogates), JSON for lone surrogates (which JSON
/// parsers refuse even escaped). A literal <c>_</c> that would read as the start of such an escape (followed
/// by <c>x</c>, four hexadecimal digits and <c>_</c>) is itself written <c>_x005F_</c>, so decoding every
/// <c>_xHHHH_</c> gives back the original text exactly.
/// </summary>
internal static class Utf8Text
{
    /// <summary>
    /// True when the <c>_</c> at <paramref name="index"/> starts what would read as an escape: <c>_x</c>, four
    /// (or, as XmlConvert also reads, eight) hexadecimal digits and <c>_</c>.
    /// </summary>
    public static bool UnderscoreNeedsEscape(ReadOnlySpan<char> text, int index)
    {
        if (index + 6 >= text.Length || text[index + 1] != 'x')
        {
            return false;
        }

        var digits = 0;
        for (var i = index + 2; i < text.Length && digits < 8 && char.IsAsciiHexDigit(text[i]); i++)
        {
            digits++;
        }

        var end = index + 2 + digits;
        return digits is 4 or 8 && end < text.Length && text[end] == '_';
    }

    /// <summary>Writes <c>_xHHHH_</c> for one UTF-16 code unit.</summary>
    public static void WriteEscape(char c, Utf8Buffer output)
    {
        var span = output.GetSpan(7);
        span[0] = (byte)'_';
        span[1] = (byte)'x';
        span[2] = Hex(c >> 12);
        span[3] = Hex((c >> 8) & 0xF);
        span[4] = Hex((c >> 4) & 0xF);
        span[5] = Hex(c & 0xF);
        span[6] = (byte)'_';
        output.Advance(7);
    }

    /// <summary>
    /// Writes text as UTF-8. Lone surrogates are written <c>_xHHHH_</c>; with <paramref name="xml"/>, so are
    /// U+FFFE and U+FFFF. Callers deal with ASCII specials (and <c>_</c>) before handing runs here.
    /// </summary>
    public static void Write(ReadOnlySpan<char> text, Utf8Buffer output, bool xml)
    {
        while (!text.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(text.Length * 3, 64 * 1024));
            var status = Utf8.FromUtf16(text, span, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
            if (xml)
            {
                // U+FFFE and U+FFFF are valid UTF-16 but not XML characters: cut the run before the first.
                var bad = text.Slice(0, read).IndexOfAnyInRange('\uFFFE', '\uFFFF');
                if (bad >= 0)
                {
                    written = Encoding.UTF8.GetBytes(text.Slice(0, bad), span);
                    output.Advance(written);
                    WriteEscape(text[bad], output);
                    text = text.Slice(bad + 1);
                    continue;
                }
            }

            output.Advance(written);
            text = text.Slice(read);
            if (status == OperationStatus.InvalidData)
            {
                WriteEscape(text[0], output); // a lone surrogate
                text = text.Slice(1);
            }
        }
    }

    /// <summary>True for the characters XML 1.0 allows (Char production), for one UTF-16 code unit outside surrogates.</summary>
    public static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD);

    private static byte Hex(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);
}
