using System.Text;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// UTF-8 encodings of the names and literal texts of templates, made once per reader (names repeat in
/// every chunk) so that rendering a record copies bytes instead of transcoding the same names again.
/// </summary>
internal sealed class Utf8Cache
{
    private const int MaxEntries = 16_384;
    private readonly Dictionary<string, byte[]> _raw = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _attribute = new(StringComparer.Ordinal);
    private readonly Utf8Buffer _scratch = new(1024);

    public byte[] Raw(string value) => Get(_raw, value, escape: null);

    /// <summary>
    /// An element, attribute or processing-instruction name as UTF-8, encoded with XmlConvert's <c>_xHHHH_</c>
    /// convention when it is not a valid XML name (damaged or hand-made files); an empty name is written <c>_</c>.
    /// </summary>
    public byte[] XmlName(string value) => IsPlainXmlName(value) ? Raw(value) : Raw(value.Length == 0 ? "_" : System.Xml.XmlConvert.EncodeName(value));

    private static bool IsPlainXmlName(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiLetter(value[0]) || value[0] == '_' || value[0] == ':'))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':' || (c == '_' && !Utf8Text.UnderscoreNeedsEscape(value, i))))
            {
                return false;
            }
        }

        return value[0] != '_' || !Utf8Text.UnderscoreNeedsEscape(value, 0);
    }

    public byte[] EscapedText(string value) => Get(_text, value, escape: false);

    public byte[] EscapedAttribute(string value) => Get(_attribute, value, escape: true);

    private byte[] Get(Dictionary<string, byte[]> cache, string value, bool? escape)
    {
        if (cache.TryGetValue(value, out var bytes))
        {
            return bytes;
        }

        if (escape is null)
        {
            bytes = Encoding.UTF8.GetBytes(value);
        }
        else
        {
            _scratch.Clear();
            XmlRenderer.WriteEscaped(value, _scratch, escape.Value);
            bytes = _scratch.WrittenSpan.ToArray();
        }

        if (cache.Count < MaxEntries && value.Length <= 512)
        {
            cache[value] = bytes;
        }

        return bytes;
    }
}
