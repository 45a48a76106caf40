using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Vigie.Evtx.BinXml;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// Renders a record as event XML the way Windows shows it (Event Viewer's XML view): element and
/// attribute names and values as Windows renders them, attributes whose optional value is absent left out,
/// array substitutions repeating their element, nested Binary XML expanded in place; indented by two spaces.
/// </summary>
internal static class XmlRenderer
{
    private static readonly SearchValues<char> s_textSpecial = SearchValues.Create(BuildSpecials(attribute: false));
    private static readonly SearchValues<char> s_attributeSpecial = SearchValues.Create(BuildSpecials(attribute: true));

    /// <summary>
    /// Writes the record's XML: through the template's plan for the shape of its values when there is one
    /// (see <see cref="RenderPlan"/>), otherwise with the generic renderer, recording a plan for the next
    /// records of that shape. <paramref name="usePlans"/> false always takes the generic path.
    /// </summary>
    public static void Render(EvtxRecord record, Utf8Buffer output, int indent, bool usePlans = true)
    {
        var template = record.InstanceTemplate(0);
        if (record.IsRecovered)
        {
            output.Write("<!-- Recovered from slack space: not a live record of the log. -->"u8);
        }

        var start = output.Length;
        Span<ushort> signature = stackalloc ushort[256];
        if (usePlans && indent == 0 && RenderPlan.TrySign(record, signature, out var count))
        {
            signature = signature.Slice(0, count);
            if (template.FindPlan(xml: true, signature) is { } plan)
            {
                plan.Replay(record, output);
            }
            else if (template.PlanCount(xml: true) < RenderPlan.MaxPerTemplate)
            {
                var scratch = record.JsonScratch ??= new JsonRenderer.Scratch();
                var recorder = scratch.Recorder ??= new RenderPlan.Recorder();
                recorder.Begin(output);
                scratch.Recording = recorder;
                try
                {
                    RenderRange(record, 0, 0, template.Nodes.Length, output, indent, -1, attribute: false);
                }
                finally
                {
                    scratch.Recording = null;
                }

                template.AddPlan(xml: true, recorder.End(output, signature));
            }
            else
            {
                RenderRange(record, 0, 0, template.Nodes.Length, output, indent, -1, attribute: false);
            }
        }
        else
        {
            RenderRange(record, 0, 0, template.Nodes.Length, output, indent, -1, attribute: false);
        }

        if (!record.IsRecovered && output.Length > start && output.WrittenSpan[start] == (byte)'\n')
        {
            output.RemoveAt(start);
        }
    }

    private static void RenderRange(EvtxRecord record, int instance, int start, int end, Utf8Buffer output, int indent, int arrayIndex, bool attribute)
    {
        var template = record.InstanceTemplate(instance);
        var nodes = template.Nodes;
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            ref readonly var node = ref nodes[i];
            switch (node.Kind)
            {
                case NodeKind.Element:
                    RenderElement(record, instance, i, output, indent);
                    break;
                case NodeKind.Substitution:
                    {
                        record.Value(instance, node.Index, out var type);
                        if (type == (byte)EvtxValueType.BinXml)
                        {
                            var nested = record.Nested(instance, node.Index);
                            if (nested >= 0)
                            {
                                RenderRange(record, nested, 0, record.InstanceTemplate(nested).Nodes.Length, output, indent, -1, attribute);
                            }
                        }
                        else
                        {
                            var recording = record.JsonScratch?.Recording;
                            recording?.BeforeValue(output);
                            if (arrayIndex < 0)
                            {
                                WriteValue(record, instance, node.Index, output, attribute);
                            }
                            else
                            {
                                WriteEscaped(record.ValueText(instance, node.Index, arrayIndex), output, attribute);
                            }

                            recording?.AfterValue(output, RenderPlan.OpKind.XmlValue, instance, node.Index, attribute ? 1 : 0);
                        }

                        break;
                    }

                case NodeKind.Text:
                    output.Write(node.Utf8);
                    break;
                case NodeKind.CharRef:
                    WriteCharRef(node.Index, output);
                    break;
                case NodeKind.EntityRef:
                    // The five predefined entities stay references; any other is undeclared in a document
                    // without DTD, so its text is written as it reads (&amp;name;), as the field values give it.
                    WriteEscaped(EvtxRecord.EntityText(node.Text), output, attribute);
                    break;
                case NodeKind.CData:
                    if (!attribute && IsPlainCData(node.Text))
                    {
                        output.Write("<![CDATA["u8);
                        WriteRaw(node.Text, output);
                        output.Write("]]>"u8);
                    }
                    else
                    {
                        // As escaped text: the same characters, where "]]>" or a forbidden character cannot break it.
                        WriteEscaped(node.Text, output, attribute);
                    }

                    break;
                case NodeKind.ProcessingInstruction:
                    output.Write("<?"u8);
                    output.Write(node.Utf8);
                    if (!string.IsNullOrEmpty(node.Text2))
                    {
                        output.Write((byte)' ');
                        WriteInstructionText(node.Text2, output);
                    }

                    output.Write("?>"u8);
                    break;
                default:
                    break;
            }
        }
    }

    private static void RenderElement(EvtxRecord record, int instance, int element, Utf8Buffer output, int indent)
    {
        var nodes = record.InstanceTemplate(instance).Nodes;
        ref readonly var node = ref nodes[element];
        if (ElementOmitted(record, instance, element))
        {
            return;
        }

        if (node.End == node.ContentStart + 1 && nodes[node.ContentStart].Kind == NodeKind.Substitution)
        {
            var data = record.Value(instance, nodes[node.ContentStart].Index, out var type);
            if (ValueFormatter.IsArray(type))
            {
                var count = 0;
                while (ValueFormatter.TryGetItem(type, data, count, out _))
                {
                    RenderElementOnce(record, instance, element, output, indent, count);
                    count++;
                }

                if (count == 0)
                {
                    RenderElementOnce(record, instance, element, output, indent, -2);
                }

                return;
            }
        }

        RenderElementOnce(record, instance, element, output, indent, -1);
    }

    private static void RenderElementOnce(EvtxRecord record, int instance, int element, Utf8Buffer output, int indent, int arrayIndex)
    {
        var nodes = record.InstanceTemplate(instance).Nodes;
        ref readonly var node = ref nodes[element];
        WriteIndent(output, indent);
        output.Write((byte)'<');
        output.Write(node.Utf8);
        for (var a = element + 1; a < node.ContentStart; a = nodes[a].End)
        {
            if (AttributeAbsent(record, instance, a + 1, nodes[a].End))
            {
                continue;
            }

            output.Write((byte)' ');
            output.Write(nodes[a].Utf8);
            output.Write("=\""u8);
            RenderRange(record, instance, a + 1, nodes[a].End, output, -1, -1, attribute: true);
            output.Write((byte)'"');
        }

        if (arrayIndex == -2 || ContentEmpty(record, instance, node.ContentStart, node.End))
        {
            output.Write(" />"u8);
            return;
        }

        output.Write((byte)'>');
        if (node.BlockContent)
        {
            RenderRange(record, instance, node.ContentStart, node.End, output, indent + 2, arrayIndex, attribute: false);
            WriteIndent(output, indent);
        }
        else
        {
            RenderRange(record, instance, node.ContentStart, node.End, output, -1, arrayIndex, attribute: false);
        }

        output.Write("</"u8);
        output.Write(node.Utf8);
        output.Write((byte)'>');
    }

    /// <summary>
    /// An element whose whole content is optional substitutions of type Null is not created (MS-EVEN6:
    /// optional substitution); Windows leaves out, for example, an absent <c>Binary</c>.
    /// </summary>
    internal static bool ElementOmitted(EvtxRecord record, int instance, int element)
    {
        var nodes = record.InstanceTemplate(instance).Nodes;
        ref readonly var node = ref nodes[element];
        if (node.End == node.ContentStart)
        {
            return false;
        }

        for (var i = node.ContentStart; i < node.End; i++)
        {
            if (nodes[i].Kind != NodeKind.Substitution || !nodes[i].Optional)
            {
                return false;
            }

            record.Value(instance, nodes[i].Index, out var type);
            if (type != (byte)EvtxValueType.Null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An attribute made only of substitutions without value is not rendered.</summary>
    internal static bool AttributeAbsent(EvtxRecord record, int instance, int start, int end)
    {
        var nodes = record.InstanceTemplate(instance).Nodes;
        for (var i = start; i < end; i++)
        {
            if (nodes[i].Kind != NodeKind.Substitution)
            {
                return false;
            }

            var data = record.Value(instance, nodes[i].Index, out var type);
            if (type != (byte)EvtxValueType.Null && (data.Length > 0 || !nodes[i].Optional))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the content renders to nothing (no element, no text).</summary>
    internal static bool ContentEmpty(EvtxRecord record, int instance, int start, int end)
    {
        var template = record.InstanceTemplate(instance);
        var nodes = template.Nodes;
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            ref readonly var node = ref nodes[i];
            switch (node.Kind)
            {
                case NodeKind.Substitution:
                    {
                        var data = record.Value(instance, node.Index, out var type);
                        if (!ValueEmpty(type, data))
                        {
                            if (type != (byte)EvtxValueType.BinXml || record.Nested(instance, node.Index) >= 0)
                            {
                                return false;
                            }
                        }

                        break;
                    }

                case NodeKind.Text:
                case NodeKind.CData:
                    if (!string.IsNullOrEmpty(node.Text))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    internal static bool ValueEmpty(byte type, ReadOnlySpan<byte> data)
    {
        if (type == (byte)EvtxValueType.Null || data.IsEmpty)
        {
            return true;
        }

        if (type is (byte)EvtxValueType.String or (byte)EvtxValueType.AnsiString)
        {
            return data.IndexOfAnyExcept((byte)0) < 0;
        }

        return false;
    }

    private static void WriteIndent(Utf8Buffer output, int indent)
    {
        if (indent < 0)
        {
            return;
        }

        var span = output.GetSpan(indent + 1);
        span[0] = (byte)'\n';
        span.Slice(1, indent).Fill((byte)' ');
        output.Advance(indent + 1);
    }

    /// <summary>A character reference as written (<c>&amp;#N;</c>), or its <c>_xHHHH_</c> form when XML 1.0 forbids the character.</summary>
    private static void WriteCharRef(int codePoint, Utf8Buffer output)
    {
        if (!Utf8Text.IsXmlChar(codePoint))
        {
            Utf8Text.WriteEscape((char)codePoint, output);
            return;
        }

        output.Write("&#"u8);
        var span = output.GetSpan(12);
        codePoint.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write((byte)';');
    }

    /// <summary>
    /// The text of substitution value <paramref name="index"/> of an instance (not Binary XML), escaped; a scalar
    /// other than a string is ASCII that needs no escaping, written straight as UTF-8.
    /// </summary>
    internal static void WriteValue(EvtxRecord record, int instance, int index, Utf8Buffer output, bool attribute)
    {
        var data = record.Value(instance, index, out var type);
        if ((type & (byte)EvtxValueType.ArrayFlag) == 0 && type != (byte)EvtxValueType.BinXml && ValueFormatter.HasAsciiText((EvtxValueType)type))
        {
            output.Advance(ValueFormatter.FormatAscii((EvtxValueType)type, data, output.GetSpan(ValueFormatter.MaxLength((EvtxValueType)type, data.Length))));
            return;
        }

        WriteEscaped(record.ValueText(instance, index), output, attribute);
    }

    /// <summary>
    /// Writes text as UTF-8 escaped for XML content or an attribute value: markup characters as entities,
    /// tab, line feed and carriage return as character references where a parser would otherwise normalise
    /// them, and what XML 1.0 forbids as <c>_xHHHH_</c> (see <see cref="Utf8Text"/>).
    /// </summary>
    public static void WriteEscaped(ReadOnlySpan<char> text, Utf8Buffer output, bool attribute)
    {
        var plain = Utf8Text.CopyPlainAscii(text, output.GetSpan(text.Length), '<', '>', '&', '_', '"');
        output.Advance(plain);
        if (plain == text.Length)
        {
            return;
        }

        text = text.Slice(plain); // the escapes look ahead only: what was copied needs none
        var special = attribute ? s_attributeSpecial : s_textSpecial;
        var start = 0;
        var position = 0;
        while (true)
        {
            var index = text.Slice(position).IndexOfAny(special);
            if (index < 0)
            {
                Utf8Text.Write(text.Slice(start), output, xml: true);
                return;
            }

            position += index;
            var c = text[position];
            if (c == '_' && !Utf8Text.UnderscoreNeedsEscape(text, position))
            {
                position++;
                continue;
            }

            Utf8Text.Write(text.Slice(start, position - start), output, xml: true);
            switch (c)
            {
                case '<':
                    output.Write("&lt;"u8);
                    break;
                case '>':
                    output.Write("&gt;"u8);
                    break;
                case '&':
                    output.Write("&amp;"u8);
                    break;
                case '"':
                    output.Write("&quot;"u8);
                    break;
                case '\t':
                    output.Write("&#x9;"u8);
                    break;
                case '\n':
                    output.Write("&#xA;"u8);
                    break;
                case '\r':
                    output.Write("&#xD;"u8);
                    break;
                default:
                    Utf8Text.WriteEscape(c, output); // a control character, or '_' that would read as an escape
                    break;
            }

            position++;
            start = position;
        }
    }

    private static bool IsPlainCData(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Utf8Text.IsXmlChar(c) || c == '_')
            {
                return false;
            }
        }

        return !text.Contains("]]>", StringComparison.Ordinal);
    }

    /// <summary>Writes text that sits outside markup escaping (a processing instruction's target and data) with what XML forbids as <c>_xHHHH_</c>.</summary>
    private static void WriteInstructionText(ReadOnlySpan<char> text, Utf8Buffer output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || (c == '>' && i > 0 && text[i - 1] == '?') ||
                (c == '_' && Utf8Text.UnderscoreNeedsEscape(text, i)))
            {
                Utf8Text.Write(text.Slice(0, i), output, xml: true);
                Utf8Text.WriteEscape(c, output);
                text = text.Slice(i + 1);
                i = -1;
            }
        }

        Utf8Text.Write(text, output, xml: true);
    }

    /// <summary>Writes UTF-16 text as UTF-8 without XML escaping (lone surrogates as <c>_xHHHH_</c>).</summary>
    public static void WriteRaw(ReadOnlySpan<char> text, Utf8Buffer output) => Utf8Text.Write(text, output, xml: false);

    private static string BuildSpecials(bool attribute)
    {
        var chars = new List<char> { '<', '>', '&', '_' };
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is '\t' or '\n' && !attribute)
            {
                continue;
            }

            chars.Add(c);
        }

        if (attribute)
        {
            chars.Add('"');
        }

        return new string(chars.ToArray());
    }
}
