using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// Copies the run of printable ASCII (U+0020 to U+007E) at the start of <paramref name="text"/> that holds none of
    /// the five stop characters into <paramref name="destination"/> (at least as long as the text), one byte per
    /// character, and returns its length. Most values are such a run from end to end: they are written in one pass
    /// instead of a search for the renderer's specials followed by a transcoding, each set up for every value.
    /// </summary>
    public static int CopyPlainAscii(ReadOnlySpan<char> text, Span<byte> destination, char stop1, char stop2, char stop3, char stop4, char stop5)
    {
        if (destination.Length < text.Length)
        {
            throw new ArgumentException("the destination is shorter than the text", nameof(destination));
        }

        var length = text.Length;
        ref var source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var target = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<ushort>.Count)
        {
            var below = Vector256.Create((ushort)0x20);
            var above = Vector256.Create((ushort)0x7E);
            var s1 = Vector256.Create((ushort)stop1);
            var s2 = Vector256.Create((ushort)stop2);
            var s3 = Vector256.Create((ushort)stop3);
            var s4 = Vector256.Create((ushort)stop4);
            var s5 = Vector256.Create((ushort)stop5);
            for (; i <= length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var chars = Vector256.LoadUnsafe(ref source, (nuint)i);
                var stops = Vector256.LessThan(chars, below) | Vector256.GreaterThan(chars, above) | Vector256.Equals(chars, s1)
                    | Vector256.Equals(chars, s2) | Vector256.Equals(chars, s3) | Vector256.Equals(chars, s4) | Vector256.Equals(chars, s5);
                // All sixteen are narrowed and stored; past a stop they are overwritten by whoever writes next.
                Vector128.Narrow(chars.GetLower(), chars.GetUpper()).StoreUnsafe(ref target, (nuint)i);
                if (stops != Vector256<ushort>.Zero)
                {
                    return i + (BitOperations.TrailingZeroCount(stops.AsByte().ExtractMostSignificantBits()) / 2);
                }
            }
        }

        for (; i < length; i++)
        {
            var c = (char)Unsafe.Add(ref source, i);
            if (c is < ' ' or > '~' || c == stop1 || c == stop2 || c == stop3 || c == stop4 || c == stop5)
            {
                break;
            }

            Unsafe.Add(ref target, i) = (byte)c;
        }

        return i;
    }

    /// <summary>True for the characters XML 1.0 allows (Char production), for one UTF-16 code unit outside surrogates.</summary>
    public static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD);

    private static byte Hex(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);
}
