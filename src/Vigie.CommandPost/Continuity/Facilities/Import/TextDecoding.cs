using System.Text;

namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// Turns the bytes of a text file into text without asking the user: a byte-order mark decides (UTF-8, UTF-16);
/// otherwise valid UTF-8 is UTF-8, and anything else is Windows-1252 (what Excel writes on French Windows).
/// </summary>
public static class TextDecoding
{
    public const string Utf8Bom = "UTF-8 (BOM)";
    public const string Utf8 = "UTF-8";
    public const string Windows1252 = "Windows-1252";

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes, out string encoding)
    {
        if (bytes.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]))
        {
            encoding = Utf8Bom;
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith([(byte)0xFF, (byte)0xFE]))
        {
            encoding = "UTF-16 LE";
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            encoding = "UTF-16 BE";
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            encoding = Utf8;
            return Encoding.UTF8.GetString(bytes);
        }

        encoding = Windows1252;
        return Encoding.GetEncoding(1252).GetString(bytes);
    }
}
