using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigie.Evtx.BinXml;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// Renders a record as one line of JSON in the shape of the widely used evtx_dump: elements become keys,
/// attributes go under <c>#attributes</c>, mixed text under <c>#text</c>, repeated child names get
/// <c>_1</c>, <c>_2</c> suffixes, <c>EventData</c>/<c>UserData</c> flatten <c>Data Name="X"</c> to
/// <c>"X": value</c> (unnamed items to <c>"Data": {"#text": [...]}</c>), integers and booleans are JSON
/// numbers and booleans, everything else a string as Windows renders it; array values are JSON arrays.
/// </summary>
internal static class JsonRenderer
{
    private static readonly SearchValues<char> s_plainName = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.:# ");

    /// <summary>True when the text needs no JSON escaping (nor the <c>_xHHHH_</c> encoding).</summary>
    public static bool IsSafe(string? text) =>
        text is null || (text.AsSpan().IndexOfAnyExcept(s_plainName) < 0);

    /// <summary>
    /// Writes the record's JSON: through the template's plan for the shape of its values when there is one,
    /// otherwise with the generic renderer (recording a plan for the next records of that shape).
    /// <paramref name="usePlans"/> false always takes the generic path (tests compare both).
    /// </summary>
    public static void Render(EvtxRecord record, Utf8Buffer output, bool usePlans = true)
    {
        var scratch = record.JsonScratch ??= new Scratch();
        var template = record.InstanceTemplate(0);
        Span<ushort> signature = stackalloc ushort[256];
        if (usePlans && RenderPlan.TrySign(record, signature, out var count))
        {
            signature = signature.Slice(0, count);
            if (template.FindPlan(xml: false, signature) is { } plan)
            {
                plan.Replay(record, output);
                return;
            }

            if (template.PlanCount(xml: false) < RenderPlan.MaxPerTemplate)
            {
                var recorder = scratch.Recorder ??= new RenderPlan.Recorder();
                recorder.Begin(output);
                scratch.Recording = recorder;
                try
                {
                    RenderGeneric(record, output, scratch, template);
                }
                finally
                {
                    scratch.Recording = null;
                }

                template.AddPlan(xml: false, recorder.End(output, signature));
                return;
            }
        }

        RenderGeneric(record, output, scratch, template);
    }

    private static void RenderGeneric(EvtxRecord record, Utf8Buffer output, Scratch scratch, CompiledTemplate template)
    {
        var children = scratch.Rent();
        CollectChildren(record, 0, 0, template.Nodes.Length, children);
        output.Write((byte)'{');
        WriteChildren(record, children, output, container: false);
        if (record.IsRecovered)
        {
            output.Write(",\"RecoveredFromSlack\":true"u8);
        }

        output.Write((byte)'}');
        scratch.Return(children);
    }

    internal readonly record struct ElementRef(int Instance, int Node);

    /// <summary>Reused lists of child elements, one per nesting level being rendered (owned by one record cursor).</summary>
    internal sealed class Scratch
    {
        public RenderPlan.Recorder? Recorder { get; set; }

        /// <summary>Set while the generic renderer records a plan.</summary>
        public RenderPlan.Recorder? Recording { get; set; }

        private readonly Stack<List<ElementRef>> _free = new();

        public List<ElementRef> Rent() => _free.Count > 0 ? _free.Pop() : new List<ElementRef>(8);

        public void Return(List<ElementRef> list)
        {
            list.Clear();
            _free.Push(list);
        }

        private readonly Stack<List<(string Name, int Count)>> _freeNames = new();

        public List<(string Name, int Count)> RentNames() => _freeNames.Count > 0 ? _freeNames.Pop() : new List<(string, int)>(8);

        public void ReturnNames(List<(string Name, int Count)>? list)
        {
            if (list is not null)
            {
                list.Clear();
                _freeNames.Push(list);
            }
        }
    }

    private static void CollectChildren(EvtxRecord record, int instance, int start, int end, List<ElementRef> children)
    {
        var template = record.InstanceTemplate(instance);
        var nodes = template.Nodes;
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            if (nodes[i].Kind == NodeKind.Element)
            {
                if (!XmlRenderer.ElementOmitted(record, instance, i))
                {
                    children.Add(new ElementRef(instance, i));
                }
            }
            else if (nodes[i].Kind == NodeKind.Substitution)
            {
                record.Value(instance, nodes[i].Index, out var type);
                if (type == (byte)EvtxValueType.BinXml)
                {
                    var nested = record.Nested(instance, nodes[i].Index);
                    if (nested >= 0)
                    {
                        CollectChildren(record, nested, 0, record.InstanceTemplate(nested).Nodes.Length, children);
                    }
                }
            }
        }
    }

    private static bool HasText(EvtxRecord record, int instance, int start, int end)
    {
        var template = record.InstanceTemplate(instance);
        var nodes = template.Nodes;
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            switch (nodes[i].Kind)
            {
                case NodeKind.Text:
                case NodeKind.CData:
                    if (!string.IsNullOrWhiteSpace(nodes[i].Text))
                    {
                        return true;
                    }

                    break;
                case NodeKind.CharRef:
                case NodeKind.EntityRef:
                    return true;
                case NodeKind.Substitution:
                    {
                        var data = record.Value(instance, nodes[i].Index, out var type);
                        if (type != (byte)EvtxValueType.BinXml && !XmlRenderer.ValueEmpty(type, data))
                        {
                            return true;
                        }

                        break;
                    }

                default:
                    break;
            }
        }

        return false;
    }

    private static void WriteChildren(EvtxRecord record, List<ElementRef> children, Utf8Buffer output, bool container)
    {
        var wroteAny = false;
        var flatten = false;
        var positionalCount = 0;
        if (container)
        {
            foreach (var child in children)
            {
                var nodes = record.InstanceTemplate(child.Instance).Nodes;
                if (nodes[child.Node].Text != "Data")
                {
                    continue;
                }

                positionalCount++;
                var template = record.InstanceTemplate(child.Instance);
                var name = template.FindAttribute(child.Node, "Name");
                if (name >= 0 && !record.PartsText(child.Instance, name + 1, nodes[name].End).IsEmpty)
                {
                    flatten = true;
                }
            }
        }

        List<(string Name, int Count)>? seen = null;
        var positionalWritten = false;
        foreach (var child in children)
        {
            var template = record.InstanceTemplate(child.Instance);
            var nodes = template.Nodes;
            var elementName = nodes[child.Node].Text ?? string.Empty;
            if (container && elementName == "Data")
            {
                if (flatten)
                {
                    var nameAttribute = template.FindAttribute(child.Node, "Name");
                    if (nameAttribute < 0)
                    {
                        continue;
                    }

                    var key = record.PartsText(child.Instance, nameAttribute + 1, nodes[nameAttribute].End);
                    if (key.IsEmpty)
                    {
                        continue;
                    }

                    Comma(output, ref wroteAny);
                    WriteParts(record, key, child.Instance, nameAttribute + 1, nodes[nameAttribute].End, output);
                    output.Write((byte)':');
                    WriteDataValue(record, child, output);
                }
                else if (!positionalWritten)
                {
                    positionalWritten = true;
                    Comma(output, ref wroteAny);
                    output.Write("\"Data\":{\"#text\":"u8);
                    if (positionalCount > 1)
                    {
                        output.Write((byte)'[');
                        var first = true;
                        foreach (var other in children)
                        {
                            if (record.InstanceTemplate(other.Instance).Nodes[other.Node].Text != "Data")
                            {
                                continue;
                            }

                            if (!first)
                            {
                                output.Write((byte)',');
                            }

                            first = false;
                            WriteDataValue(record, other, output);
                        }

                        output.Write((byte)']');
                    }
                    else
                    {
                        WriteDataValue(record, child, output);
                    }

                    output.Write((byte)'}');
                }

                continue;
            }

            seen ??= record.JsonScratch!.RentNames();
            var suffix = 0;
            var found = false;
            for (var i = 0; i < seen.Count; i++)
            {
                if (seen[i].Name == elementName)
                {
                    suffix = seen[i].Count;
                    seen[i] = (elementName, suffix + 1);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                seen.Add((elementName, 1));
            }

            Comma(output, ref wroteAny);
            output.Write((byte)'"');
            if (nodes[child.Node].JsonSafeName)
            {
                output.Write(nodes[child.Node].Utf8);
            }
            else
            {
                WriteStringBody(elementName, output);
            }

            if (suffix > 0)
            {
                output.Write((byte)'_');
                WriteInvariant(suffix, output);
            }

            output.Write("\":"u8);
            WriteElementValue(record, child, output, elementName is "EventData" or "UserData");
        }

        record.JsonScratch!.ReturnNames(seen);
    }

    private static void WriteDataValue(EvtxRecord record, ElementRef element, Utf8Buffer output)
    {
        var node = record.InstanceTemplate(element.Instance).Nodes[element.Node];
        var scratch = record.JsonScratch!;
        var children = scratch.Rent();
        CollectChildren(record, element.Instance, node.ContentStart, node.End, children);
        if (children.Count > 0)
        {
            output.Write((byte)'{');
            WriteChildren(record, children, output, container: false);
            output.Write((byte)'}');
        }
        else if (!HasText(record, element.Instance, node.ContentStart, node.End))
        {
            output.Write("\"\""u8);
        }
        else
        {
            Content(record, element.Instance, node.ContentStart, node.End, output);
        }

        scratch.Return(children);
    }

    private static void WriteElementValue(EvtxRecord record, ElementRef element, Utf8Buffer output, bool container)
    {
        var template = record.InstanceTemplate(element.Instance);
        var nodes = template.Nodes;
        var node = nodes[element.Node];
        var scratch = record.JsonScratch!;
        var children = scratch.Rent();
        CollectChildren(record, element.Instance, node.ContentStart, node.End, children);
        var hasText = HasText(record, element.Instance, node.ContentStart, node.End);
        var hasAttributes = false;
        for (var a = element.Node + 1; a < node.ContentStart; a = nodes[a].End)
        {
            if (!XmlRenderer.AttributeAbsent(record, element.Instance, a + 1, nodes[a].End) &&
                !record.PartsText(element.Instance, a + 1, nodes[a].End).IsEmpty)
            {
                hasAttributes = true;
                break;
            }
        }

        if (children.Count == 0 && !hasText && !hasAttributes)
        {
            output.Write("null"u8);
            scratch.Return(children);
            return;
        }

        if (children.Count == 0 && !hasAttributes)
        {
            Content(record, element.Instance, node.ContentStart, node.End, output);
            scratch.Return(children);
            return;
        }

        output.Write((byte)'{');
        var wroteAny = false;
        if (hasAttributes)
        {
            output.Write("\"#attributes\":{"u8);
            var first = true;
            for (var a = element.Node + 1; a < node.ContentStart; a = nodes[a].End)
            {
                if (XmlRenderer.AttributeAbsent(record, element.Instance, a + 1, nodes[a].End) ||
                    record.PartsText(element.Instance, a + 1, nodes[a].End).IsEmpty)
                {
                    continue;
                }

                Comma(output, ref first, invert: true);
                if (nodes[a].JsonSafeName)
                {
                    output.Write((byte)'"');
                    output.Write(nodes[a].Utf8);
                    output.Write((byte)'"');
                }
                else
                {
                    WriteString(nodes[a].Text, output);
                }

                output.Write((byte)':');
                Content(record, element.Instance, a + 1, nodes[a].End, output);
            }

            output.Write((byte)'}');
            wroteAny = true;
        }

        if (hasText)
        {
            Comma(output, ref wroteAny);
            output.Write("\"#text\":"u8);
            Content(record, element.Instance, node.ContentStart, node.End, output);
        }

        if (children.Count > 0)
        {
            if (wroteAny)
            {
                output.Write((byte)',');
            }

            var before = output.Length;
            WriteChildren(record, children, output, container);
            if (output.Length == before && wroteAny)
            {
                output.Length--;
            }
        }

        output.Write((byte)'}');
        scratch.Return(children);
    }

    /// <summary>
    /// Writes the text of a part range as a string; a plan being recorded keeps it as its own bytes when no
    /// substitution is among the parts (a key written in the template, the usual case), else as a place for it.
    /// </summary>
    private static void WriteParts(EvtxRecord record, ReadOnlySpan<char> text, int instance, int start, int end, Utf8Buffer output)
    {
        var recording = record.JsonScratch!.Recording;
        if (recording is null || !HasSubstitution(record, instance, start, end))
        {
            WriteString(text, output);
            return;
        }

        recording.BeforeValue(output);
        WriteString(text, output);
        recording.AfterValue(output, RenderPlan.OpKind.Parts, instance, start, end);
    }

    private static bool HasSubstitution(EvtxRecord record, int instance, int start, int end)
    {
        var template = record.InstanceTemplate(instance);
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            if (template.Nodes[i].Kind == NodeKind.Substitution)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A content or attribute value: a number or boolean for a lone integer or boolean substitution, an array for
    /// arrays, else a string. While a plan is recorded, a lone substitution is a place for its value, parts with a
    /// substitution among them a place for their string, anything else the plan's own bytes: what the value is made
    /// of depends only on the values' types and emptiness, which the plan's signature fixes.
    /// </summary>
    private static void Content(EvtxRecord record, int instance, int start, int end, Utf8Buffer output)
    {
        var single = SingleContent(record, instance, start, end);
        var nodes = record.InstanceTemplate(instance).Nodes;
        if (single >= 0 && nodes[single].Kind == NodeKind.Substitution)
        {
            var recording = record.JsonScratch!.Recording;
            recording?.BeforeValue(output);
            WriteValue(record, instance, nodes[single].Index, output);
            recording?.AfterValue(output, RenderPlan.OpKind.Value, instance, nodes[single].Index, 0);
            return;
        }

        if (single == -1)
        {
            output.Write("\"\""u8);
            return;
        }

        WriteParts(record, record.PartsText(instance, start, end), instance, start, end, output);
    }

    /// <summary>
    /// The one part of a content range that makes its value (a substitution that is not empty, or a text), -1 when
    /// there is none (an empty string), -2 when there are several (a string of them all).
    /// </summary>
    private static int SingleContent(EvtxRecord record, int instance, int start, int end)
    {
        var template = record.InstanceTemplate(instance);
        var nodes = template.Nodes;
        var single = -1;
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            if (nodes[i].Kind == NodeKind.Element)
            {
                continue;
            }

            if (nodes[i].Kind == NodeKind.Substitution)
            {
                var data = record.Value(instance, nodes[i].Index, out var type);
                if (XmlRenderer.ValueEmpty(type, data) || type == (byte)EvtxValueType.BinXml)
                {
                    continue;
                }
            }

            if (single >= 0)
            {
                return -2;
            }

            single = i;
        }

        return single;
    }

    /// <summary>Substitution value <paramref name="index"/> of an instance, not empty: an array, or a scalar.</summary>
    internal static void WriteValue(EvtxRecord record, int instance, int index, Utf8Buffer output)
    {
        var data = record.Value(instance, index, out var type);
        WriteSubstitution(record, type, data, output);
    }

    /// <summary>A substitution's value that is not empty: an array, or a scalar.</summary>
    private static void WriteSubstitution(EvtxRecord record, byte type, ReadOnlySpan<byte> data, Utf8Buffer output)
    {
        if (ValueFormatter.IsArray(type))
        {
            output.Write((byte)'[');
            for (var k = 0; ValueFormatter.TryGetItem(type, data, k, out var item); k++)
            {
                if (k > 0)
                {
                    output.Write((byte)',');
                }

                WriteScalar(record, (EvtxValueType)(type & 0x7F), item, output);
            }

            output.Write((byte)']');
            return;
        }

        WriteScalar(record, (EvtxValueType)type, data, output);
    }

    private static void WriteScalar(EvtxRecord record, EvtxValueType type, ReadOnlySpan<byte> data, Utf8Buffer output)
    {
        switch (type)
        {
            case EvtxValueType.Int8 or EvtxValueType.UInt8 when data.Length == 1:
            case EvtxValueType.Int16 or EvtxValueType.UInt16 when data.Length == 2:
            case EvtxValueType.Int32 or EvtxValueType.UInt32 when data.Length == 4:
            case EvtxValueType.Int64 or EvtxValueType.UInt64 when data.Length == 8:
                output.Advance(ValueFormatter.FormatAscii(type, data, output.GetSpan(ValueFormatter.MaxLength(type, data.Length))));
                return;
            case EvtxValueType.Bool when data.Length is 1 or 2 or 4 or 8:
                output.Write(data.IndexOfAnyExcept((byte)0) >= 0 ? "true"u8 : "false"u8);
                return;
            case EvtxValueType.String:
                WriteString(ValueFormatter.TrimNul(MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1))), output);
                return;
            case EvtxValueType.AnsiString:
                WriteString(record.ScalarText(type, data), output);
                return;
            default:
                {
                    // The other types' text is ASCII that needs no escaping: written straight as UTF-8.
                    var span = output.GetSpan(ValueFormatter.MaxLength(type, data.Length) + 2);
                    span[0] = (byte)'"';
                    var count = ValueFormatter.FormatAscii(type, data, span.Slice(1));
                    span[count + 1] = (byte)'"';
                    output.Advance(count + 2);
                    return;
                }
        }
    }

    private static void Comma(Utf8Buffer output, ref bool wroteAny)
    {
        if (wroteAny)
        {
            output.Write((byte)',');
        }

        wroteAny = true;
    }

    private static void Comma(Utf8Buffer output, ref bool first, bool invert)
    {
        _ = invert;
        if (!first)
        {
            output.Write((byte)',');
        }

        first = false;
    }

    private static void WriteInvariant(int value, Utf8Buffer output)
    {
        var span = output.GetSpan(12);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public static void WriteString(ReadOnlySpan<char> text, Utf8Buffer output)
    {
        output.Write((byte)'"');
        WriteStringBody(text, output);
        output.Write((byte)'"');
    }

    /// <summary>
    /// Writes the body of a JSON string: quote, backslash and control characters escaped as JSON does; lone
    /// surrogates (which JSON parsers refuse even escaped) as <c>_xHHHH_</c>, and a literal <c>_</c> that would
    /// read as that escape as <c>_x005F_</c> (see <see cref="Utf8Text"/>).
    /// </summary>
    private static void WriteStringBody(ReadOnlySpan<char> text, Utf8Buffer output)
    {
        // Runs of plain ASCII are copied in blocks (a Windows path stops it at every backslash); what stops a run is
        // written here, then the next run. The escapes look ahead only: what was copied needs none.
        while (true)
        {
            var plain = Utf8Text.CopyPlainAscii(text, output.GetSpan(text.Length), '"', '\\', '_', '_', '_');
            output.Advance(plain);
            if (plain == text.Length)
            {
                return;
            }

            text = text.Slice(plain);
            var c = text[0];
            switch (c)
            {
                case '"':
                    output.Write("\\\""u8);
                    break;
                case '\\':
                    output.Write("\\\\"u8);
                    break;
                case '_':
                    if (Utf8Text.UnderscoreNeedsEscape(text, 0))
                    {
                        Utf8Text.WriteEscape(c, output);
                    }
                    else
                    {
                        output.Write((byte)'_');
                    }

                    break;
                case '\n':
                    output.Write("\\n"u8);
                    break;
                case '\r':
                    output.Write("\\r"u8);
                    break;
                case '\t':
                    output.Write("\\t"u8);
                    break;
                case < ' ':
                    {
                        output.Write("\\u"u8);
                        var span = output.GetSpan(4);
                        ((int)c).TryFormat(span, out var written, "x4", CultureInfo.InvariantCulture);
                        output.Advance(written);
                        break;
                    }

                default:
                    {
                        // Past ASCII (or DEL): transcoded up to the next ASCII character other than DEL, surrogate
                        // pairs whole, lone surrogates as _xHHHH_.
                        var run = text.IndexOfAnyInRange('\0', '~');
                        run = run < 0 ? text.Length : run;
                        Utf8Text.Write(text.Slice(0, run), output, xml: false);
                        text = text.Slice(run);
                        continue;
                    }
            }

            text = text.Slice(1);
        }
    }
}
