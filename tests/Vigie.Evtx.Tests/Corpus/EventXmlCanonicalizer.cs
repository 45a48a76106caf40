using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Vigie.Evtx.Tests.Corpus;

/// <summary>
/// Turns event XML (ours or evtxexport's) into comparable lines: one line per element with its attributes
/// sorted and every text whitespace-normalised, plus the two documented rendering differences of
/// evtxexport (zero-padded hexadecimal integers, nine-digit FILETIME fractions) normalised on both sides.
/// </summary>
internal static partial class EventXmlCanonicalizer
{
    /// <summary>Parses concatenated &lt;Event&gt; elements (evtxexport prints a banner line first).</summary>
    public static List<XElement> ParseEvents(string text)
    {
        if (text.StartsWith("evtxexport", StringComparison.Ordinal))
        {
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            text = newline < 0 ? string.Empty : text[(newline + 1)..];
        }

        // evtxexport writes control characters raw (not well-formed XML); Vigie writes them in the reversible
        // _xHHHH_ form (decoded by Canonical). Make evtxexport's parseable as character references.
        text = RawControlCharacter().Replace(text, m => $"&#x{(int)m.Value[0]:X};");
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            CheckCharacters = false,
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreWhitespace = false,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var events = new List<XElement>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                events.Add((XElement)XNode.ReadFrom(reader));
            }
            else
            {
                reader.Read();
            }
        }

        return events;
    }

    /// <summary>One line per element; <paramref name="decode"/> undoes Vigie's <c>_xHHHH_</c> encoding of what XML forbids.</summary>
    public static List<string> Canonical(XElement element, bool decode = false)
    {
        var lines = new List<string>();
        Append(element, 0, lines, decode);
        return lines;
    }

    private static void Append(XElement element, int depth, List<string> lines, bool decode)
    {
        string Value(string text) => Normalize(decode ? XmlConvert.DecodeName(text) : text);

        var line = new StringBuilder();
        line.Append(' ', depth * 2).Append(element.Name.LocalName);
        foreach (var attribute in element.Attributes().OrderBy(a => a.Name.LocalName, StringComparer.Ordinal))
        {
            line.Append(' ').Append(attribute.Name.LocalName).Append("=\"").Append(Value(attribute.Value)).Append('"');
        }

        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        line.Append(" [").Append(Value(text)).Append(']');
        lines.Add(line.ToString());
        foreach (var child in element.Elements())
        {
            Append(child, depth + 1, lines, decode);
        }
    }

    /// <summary>Whitespace collapsed; hexadecimal zero padding and FILETIME trailing zeros removed; control characters made visible.</summary>
    public static string Normalize(string value)
    {
        var collapsed = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        collapsed = HexPadding().Replace(collapsed, m => "0x" + m.Groups[1].Value.ToLowerInvariant());
        collapsed = FractionZeros().Replace(collapsed, "$1Z");
        return ControlCharacter().Replace(collapsed, m => $"\\x{(int)m.Value[0]:x2}");
    }

    [GeneratedRegex(@"[\x00-\x08\x0b\x0c\x0e-\x1f]")]
    private static partial Regex RawControlCharacter();

    [GeneratedRegex("0x0*([0-9a-fA-F]+)")]
    private static partial Regex HexPadding();

    [GeneratedRegex(@"(T\d\d:\d\d:\d\d\.\d*?)0+Z")]
    private static partial Regex FractionZeros();

    [GeneratedRegex(@"[\x00-\x08\x0b\x0c\x0e-\x1f]")]
    private static partial Regex ControlCharacter();
}
