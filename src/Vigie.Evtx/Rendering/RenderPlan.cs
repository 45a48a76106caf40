using System.Buffers.Binary;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// The JSON or XML of one template for one shape of values, recorded the first time the generic renderer writes
/// it: the bytes that do not depend on the values (keys, braces, literal texts) and, in between, the places
/// where values go. Every decision the renderer takes (an element left out, an attribute absent, a value
/// empty) depends only on the values' types and emptiness, which make the plan's signature; a record whose
/// values have the same signature is written by copying the bytes and formatting its values in place.
/// </summary>
internal sealed class RenderPlan(ushort[] signature, byte[] bytes, RenderPlan.Op[] ops)
{
    /// <summary>
    /// The most plans kept per template (shapes of values, and nested templates, seen: a provider's outer
    /// template carries one per event of the provider); past it the generic renderer writes.
    /// </summary>
    public const int MaxPerTemplate = 256;

    public ushort[] Signature { get; } = signature;

    public void Replay(EvtxRecord record, Utf8Buffer output)
    {
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case OpKind.Bytes:
                    output.Write(bytes.AsSpan(op.Start, op.End - op.Start));
                    break;
                case OpKind.XmlValue:
                    XmlRenderer.WriteValue(record, op.Instance, op.Start, output, attribute: op.End != 0);
                    break;
                case OpKind.Value:
                    JsonRenderer.WriteValue(record, op.Instance, op.Start, output);
                    break;
                default:
                    JsonRenderer.WriteString(record.PartsText(op.Instance, op.Start, op.End), output);
                    break;
            }
        }
    }

    /// <summary>
    /// The signature of the record's values (type, and whether empty as data, as a value, as text), with, for
    /// each nested Binary XML value, its template and the signature of its own values; or false when the
    /// record is not one plans serve (array values, deeper nesting, or no values at all). Nested values are
    /// decoded here, depth first in value order, so their instance numbers are the same for every record of
    /// the same signature, and the plan's places can name them.
    /// </summary>
    public static bool TrySign(EvtxRecord record, Span<ushort> signature, out int count)
    {
        count = 0;
        if (record.ValueCount(0) == 0 || !SignInstance(record, 0, signature, ref count, 0) || count >= signature.Length)
        {
            return false;
        }

        signature[count++] = (ushort)(record.IsRecovered ? 1 : 0);
        return true;
    }

    private static bool SignInstance(EvtxRecord record, int instance, Span<ushort> signature, ref int count, int depth)
    {
        var values = record.ValueCount(instance);
        for (var i = 0; i < values; i++)
        {
            if (count + 3 >= signature.Length)
            {
                return false;
            }

            var data = record.Value(instance, i, out var type);
            if ((type & (byte)EvtxValueType.ArrayFlag) != 0)
            {
                return false;
            }

            var valueEmpty = XmlRenderer.ValueEmpty(type, data);
            var textEmpty = type switch
            {
                (byte)EvtxValueType.Null or (byte)EvtxValueType.BinXml => true,
                (byte)EvtxValueType.String => data.Slice(0, data.Length & ~1).IndexOfAnyExcept((byte)0) < 0,
                (byte)EvtxValueType.AnsiString => data.IndexOfAnyExcept((byte)0) < 0,
                _ => data.IsEmpty,
            };
            signature[count++] = (ushort)(type | (data.IsEmpty ? 0x100 : 0) | (valueEmpty ? 0x200 : 0) | (textEmpty ? 0x400 : 0));
            if (type != (byte)EvtxValueType.BinXml || data.IsEmpty)
            {
                continue;
            }

            var nested = record.Nested(instance, i);
            if (nested < 0)
            {
                signature[count++] = 0xFFFF; // undecodable: written as nothing
                continue;
            }

            if (depth >= 4)
            {
                return false;
            }

            var id = record.InstanceTemplate(nested).Id;
            signature[count++] = (ushort)id;
            signature[count++] = (ushort)(id >> 16);
            if (!SignInstance(record, nested, signature, ref count, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    internal enum OpKind : byte
    {
        /// <summary>Bytes of the plan itself (Start..End in its byte array).</summary>
        Bytes,

        /// <summary>JSON: substitution value Start of Instance, the whole of a content or attribute value.</summary>
        Value,

        /// <summary>JSON: a string made of parts, among them a substitution, a key or a value (node range Start..End of Instance).</summary>
        Parts,

        /// <summary>XML: substitution value Start of Instance, escaped for an attribute when End is 1.</summary>
        XmlValue,
    }

    internal readonly record struct Op(OpKind Kind, int Instance, int Start, int End);

    /// <summary>Records a plan while the generic renderer writes (owned by one record cursor).</summary>
    internal sealed class Recorder
    {
        private readonly List<Op> _ops = [];
        private readonly Utf8Buffer _bytes = new(4096);
        private int _mark;
        private int _start;

        public void Begin(Utf8Buffer output)
        {
            _ops.Clear();
            _bytes.Clear();
            _start = output.Length;
            _mark = _start;
        }

        /// <summary>Before a value is written: the bytes since the last value are the plan's own.</summary>
        public void BeforeValue(Utf8Buffer output)
        {
            Flush(output);
        }

        /// <summary>After a value is written at the place <see cref="BeforeValue"/> marked.</summary>
        public void AfterValue(Utf8Buffer output, OpKind kind, int instance, int start, int end)
        {
            _ops.Add(new Op(kind, instance, start, end));
            _mark = output.Length;
        }

        public RenderPlan End(Utf8Buffer output, ReadOnlySpan<ushort> signature)
        {
            Flush(output);
            return new RenderPlan(signature.ToArray(), _bytes.WrittenSpan.ToArray(), [.. _ops]);
        }

        private void Flush(Utf8Buffer output)
        {
            if (output.Length > _mark)
            {
                var start = _bytes.Length;
                _bytes.Write(output.WrittenSpan.Slice(_mark, output.Length - _mark));
                _ops.Add(new Op(OpKind.Bytes, 0, start, _bytes.Length));
            }

            _mark = output.Length;
        }
    }
}
