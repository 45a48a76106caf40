using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Vigie.Evtx.BinXml;
using Vigie.Evtx.Chunks;
using Vigie.Evtx.Values;

namespace Vigie.Evtx;

/// <summary>
/// The current event record of a reader: a cursor over the chunk's bytes, like a data reader's current row.
/// Fields are decoded lazily from the chunk and nothing is rendered unless asked; the object is reused for
/// the next record, so spans and values it returns are valid until the reader moves on (using the record
/// after that throws <see cref="InvalidOperationException"/>). Copy what you keep (<see cref="ToXml"/>,
/// <see cref="string"/>s from the typed properties).
/// </summary>
public sealed partial class EvtxRecord
{
    private const int MaxNestingDepth = 16;
    private readonly ChunkReader _chunk;
    private readonly CharArena _arena = new();
    private int _offset;
    private int _size;
    private ulong _id;
    private bool _valid;
    private bool _recovered;

    private int _valueCount;
    // One slot per substitution value (of every fragment instance decoded): where its bytes are, its type, and the
    // instance its nested Binary XML decoded to (-1 not yet, -2 none). One array, so a value costs one cache line.
    private ValueSlot[] _values = new ValueSlot[64];
    private bool _anyArrayType;

    private int _instanceCount;
    private CompiledTemplate[] _instanceTemplates = new CompiledTemplate[4];
    private int[] _instanceValueStart = new int[4];
    private int[] _instanceValueCount = new int[4];
    private int[] _instanceDepth = new int[4];

    internal EvtxRecord(ChunkReader chunk) => _chunk = chunk;

    /// <summary>The event record identifier from the record header.</summary>
    public ulong RecordId
    {
        get
        {
            EnsureValid();
            return _id;
        }
    }

    /// <summary>
    /// True for a record recovered from the chunk's slack space (read only with <see cref="EvtxReadOptions.RecoverSlack"/>):
    /// intact, but no longer part of the live log (overwritten or left behind), so Windows does not show it.
    /// The renderers say so (an XML comment before the event, <c>"RecoveredFromSlack": true</c> in JSON).
    /// </summary>
    public bool RecoveredFromSlack
    {
        get
        {
            EnsureValid();
            return _recovered;
        }
    }

    /// <summary>The time the record was written (record header FILETIME), UTC.</summary>
    public DateTime WrittenTime
    {
        get
        {
            EnsureValid();
            return FileTimeToDateTime(BinaryPrimitives.ReadUInt64LittleEndian(_chunk.Buffer.AsSpan(_offset + EvtxLayout.RecordWrittenTime)));
        }
    }

    /// <summary>The 0-based chunk that holds the record, in file order.</summary>
    public int ChunkIndex
    {
        get
        {
            EnsureValid();
            return _chunk.ChunkIndex;
        }
    }

    /// <summary>The record's offset in the file.</summary>
    public long FileOffset
    {
        get
        {
            EnsureValid();
            return _chunk.ChunkFileOffset + _offset;
        }
    }

    /// <summary>False when the chunk holding the record failed its header or records checksum (the record was still read).</summary>
    public bool ChunkChecksumsValid
    {
        get
        {
            EnsureValid();
            return _chunk.HeaderChecksumValid && _chunk.DataChecksumValid;
        }
    }

    internal ChunkReader Chunk => _chunk;

    internal bool IsRecovered => _recovered;

    internal CharArena Arena => _arena;

    internal void Invalidate()
    {
        _valid = false;
    }

    internal void Load(int offset, int size, ulong id, bool recovered)
    {
        if (!TryLoad(offset, size, id, recovered))
        {
            EvtxFormatException.Throw(recovered ? "A nested Binary XML value does not decode." : "A template's names do not decode.");
        }
    }

    /// <summary>
    /// A candidate record in slack space: false, without an exception, when its Binary XML does not start as a
    /// fragment, names a template no longer at the offset it gives, or has a nested value that does not decode. Most
    /// candidates fail so, and an exception each (both passes of a native unwind) was most of a dump's time.
    /// </summary>
    internal bool TryLoadRecovered(int offset, int size, ulong id) => TryLoad(offset, size, id, recovered: true);

    private bool TryLoad(int offset, int size, ulong id, bool recovered)
    {
        _valid = false;
        _recovered = recovered;
        _offset = offset;
        _size = size;
        _id = id;
        _valueCount = 0;
        _anyArrayType = false;
        _instanceCount = 0;
        _namedBuilt = false;
        _namedCount = 0;
        _arena.Reset();
        var reader = new BinXmlReader(_chunk.Buffer, offset + EvtxLayout.RecordHeaderSize, offset + size - EvtxLayout.RecordTrailerSize);
        var instance = ParseFragment(ref reader);
        if (instance < 0)
        {
            return false;
        }

        _instanceDepth[instance] = 0;
        if (recovered && !NestedDecodable())
        {
            return false;
        }

        _valid = true;
        return true;
    }

    /// <summary>
    /// A record recovered from slack space counts only when all of it decodes: its nested Binary XML values
    /// too (decoded lazily otherwise), since the templates they name may have been overwritten since.
    /// </summary>
    private bool NestedDecodable()
    {
        for (var instance = 0; instance < _instanceCount; instance++)
        {
            for (var index = 0; index < _instanceValueCount[instance]; index++)
            {
                ref readonly var slot = ref _values[_instanceValueStart[instance] + index];
                if (slot.Type == (byte)EvtxValueType.BinXml && slot.Size > 0 && Nested(instance, index) < 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal void EnsureValid()
    {
        if (!_valid)
        {
            ThrowStale();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStale() =>
        throw new InvalidOperationException("The record is no longer current: the reader has moved on. Copy the values you need while enumerating.");

    internal static DateTime FileTimeToDateTime(ulong fileTime) =>
        fileTime <= (ulong)(DateTime.MaxValue.Ticks - DateTime.FromFileTimeUtc(0).Ticks)
            ? DateTime.FromFileTimeUtc((long)fileTime)
            : DateTime.MaxValue;

    internal CompiledTemplate InstanceTemplate(int instance) => _instanceTemplates[instance];

    /// <summary>Instances decoded so far (1 until a nested Binary XML value is expanded).</summary>
    internal int InstanceCount => _instanceCount;

    /// <summary>The substitution values of an instance.</summary>
    internal int ValueCount(int instance) => _instanceValueCount[instance];

    /// <summary>The type and bytes of substitution <paramref name="index"/> of an instance (Null when absent).</summary>
    internal ReadOnlySpan<byte> Value(int instance, int index, out byte type)
    {
        if ((uint)index >= (uint)_instanceValueCount[instance])
        {
            type = 0;
            return default;
        }

        ref readonly var slot = ref _values[_instanceValueStart[instance] + index];
        type = slot.Type;
        return _chunk.Buffer.AsSpan(slot.Offset, slot.Size);
    }

    /// <summary>The instance decoded from a Binary XML substitution value, or -1 when it is not one or is unreadable.</summary>
    internal int Nested(int instance, int index)
    {
        if ((uint)index >= (uint)_instanceValueCount[instance])
        {
            return -1;
        }

        var v = _instanceValueStart[instance] + index;
        var (cached, valueType, offset, size) = (_values[v].Nested, _values[v].Type, _values[v].Offset, _values[v].Size);
        if (cached != -1)
        {
            return cached;
        }

        _values[v].Nested = -2;
        if (valueType != (byte)EvtxValueType.BinXml || size == 0 || _instanceDepth[instance] >= MaxNestingDepth)
        {
            return -2;
        }

        try
        {
            var reader = new BinXmlReader(_chunk.Buffer, offset, offset + size);
            var nested = ParseFragment(ref reader);
            if (nested < 0)
            {
                return -2;
            }

            _instanceDepth[nested] = _instanceDepth[instance] + 1;
            _values[v].Nested = nested; // by index: decoding it may have grown the array
            return nested;
        }
        catch (EvtxFormatException)
        {
            return -2;
        }
    }

    /// <summary>
    /// The instance a fragment decodes to. In slack space, -1 (no exception) when the fragment does not start as one
    /// or its template is gone: most candidates there fail so; elsewhere such bytes throw <see cref="EvtxFormatException"/>.
    /// </summary>
    private int ParseFragment(ref BinXmlReader reader)
    {
        var slack = _chunk.InSlack;
        while (true)
        {
            if (slack && reader.Remaining == 0)
            {
                return -1;
            }

            var token = reader.PeekByte();
            switch (token)
            {
                case 0x0f when !slack || reader.Remaining >= 4:
                    reader.Skip(4);
                    continue;
                case 0x0c when !slack || reader.Remaining >= 10:
                    return ParseTemplateInstance(ref reader);
                case 0x01:
                case 0x41:
                case 0x0a:
                    return AddInstance(_chunk.GetFragment(reader.Position, reader.End), 0, 0);
                default:
                    return slack ? -1 : EvtxFormatException.Throw<int>($"Unexpected Binary XML token 0x{token:x2} at the start of a fragment (offset {reader.Position}).");
            }
        }
    }

    private int ParseTemplateInstance(ref BinXmlReader reader)
    {
        reader.Skip(2); // token, unknown
        var templateId = reader.ReadUInt32(); // the first 4 bytes of the definition's GUID
        var definitionOffset = (int)reader.ReadUInt32();
        var inline = definitionOffset == reader.Position;
        if (_chunk.InSlack && !inline && !_chunk.DefinitionHasId(definitionOffset, templateId))
        {
            return -1; // in slack space, the template once at that offset may have been overwritten by another
        }

        if (inline)
        {
            reader.Skip(EvtxLayout.TemplateDefinitionSize); // next definition offset, GUID
            var definitionSize = reader.ReadUInt32();
            if (definitionSize > (uint)reader.Remaining)
            {
                EvtxFormatException.Throw($"Template definition size {definitionSize} runs past the record.");
            }

            reader.Skip((int)definitionSize);
        }

        if (_chunk.GetTemplate(definitionOffset, inline) is not { } template)
        {
            return -1; // in slack space, a template whose names were overwritten
        }

        var count = reader.ReadUInt32();
        if (count > (uint)(reader.Remaining / 4))
        {
            EvtxFormatException.Throw($"Template instance announces {count} values, more than the record can hold.");
        }

        var descriptors = reader.ReadBytes((int)count * 4);
        var first = _valueCount;
        EnsureValueCapacity(first + (int)count);
        var position = reader.Position;
        for (var i = 0; i < (int)count; i++)
        {
            var size = BinaryPrimitives.ReadUInt16LittleEndian(descriptors.Slice(i * 4));
            var type = descriptors[(i * 4) + 2];
            _values[first + i] = new ValueSlot(position, size, -1, type);
            _anyArrayType |= type >= (byte)EvtxValueType.ArrayFlag;
            position += size;
        }

        if (position > reader.End)
        {
            EvtxFormatException.Throw($"Substitution values run {position - reader.End} byte(s) past the record.");
        }

        _valueCount = first + (int)count;
        reader.Skip(position - reader.Position);
        return AddInstance(template, first, (int)count);
    }

    private int AddInstance(CompiledTemplate template, int valueStart, int valueCount)
    {
        if (_instanceCount == _instanceTemplates.Length)
        {
            var size = _instanceCount * 2;
            Array.Resize(ref _instanceTemplates, size);
            Array.Resize(ref _instanceValueStart, size);
            Array.Resize(ref _instanceValueCount, size);
            Array.Resize(ref _instanceDepth, size);
        }

        _instanceTemplates[_instanceCount] = template;
        _instanceValueStart[_instanceCount] = valueStart;
        _instanceValueCount[_instanceCount] = valueCount;
        _instanceDepth[_instanceCount] = 0;
        return _instanceCount++;
    }

    private void EnsureValueCapacity(int needed)
    {
        if (needed > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
        }
    }

    private struct ValueSlot(int offset, int size, int nested, byte type)
    {
        public int Offset = offset;
        public int Size = size;
        public int Nested = nested;
        public byte Type = type;
    }
}
