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
