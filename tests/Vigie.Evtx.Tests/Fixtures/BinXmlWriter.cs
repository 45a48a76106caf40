using System.Buffers.Binary;
using System.Text;

namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>
/// Test-only writer of Binary XML straight into a chunk, so that offsets (names defined inline on first
/// use, template definitions defined inline on first use) are the real chunk-relative ones.
/// </summary>
public sealed class BinXmlWriter(ChunkBuilder chunk)
{
    private readonly Stack<(int SizeField, int Start)> _open = new();

    public ChunkBuilder Chunk => chunk;

    public BinXmlWriter FragmentHeader()
    {
        chunk.WriteBytes(0x0f, 0x01, 0x01, 0x00);
        return this;
    }

    public BinXmlWriter StartElement(string name, bool hasAttributes = false, bool dependencyId = true)
    {
        chunk.WriteBytes(hasAttributes ? (byte)0x41 : (byte)0x01);
        if (dependencyId)
        {
            chunk.WriteUInt16(0xFFFF);
        }

        var sizeField = chunk.Position;
        chunk.WriteUInt32(0);
        Name(name);
        _open.Push((sizeField, sizeField + 4));
        if (hasAttributes)
        {
            chunk.WriteUInt32(0); // attribute list size (not used by readers)
        }

        return this;
    }

    public BinXmlWriter Attribute(string name, bool more = false)
    {
        chunk.WriteBytes(more ? (byte)0x46 : (byte)0x06);
        Name(name);
        return this;
    }

    public BinXmlWriter CloseStart()
    {
        chunk.WriteBytes(0x02);
        return this;
    }

    public BinXmlWriter CloseEmpty()
    {
        chunk.WriteBytes(0x03);
        PatchOpen();
        return this;
    }

    public BinXmlWriter EndElement()
    {
        chunk.WriteBytes(0x04);
        PatchOpen();
        return this;
    }

    public BinXmlWriter Text(string text, bool more = false)
    {
        chunk.WriteBytes(more ? (byte)0x45 : (byte)0x05, 0x01);
        chunk.WriteUInt16((ushort)text.Length);
        chunk.WriteBytes(Encoding.Unicode.GetBytes(text));
        return this;
    }

    public BinXmlWriter Substitution(int index, byte type, bool optional = false)
    {
        chunk.WriteBytes(optional ? (byte)0x0e : (byte)0x0d);
        chunk.WriteUInt16((ushort)index);
        chunk.WriteBytes(type);
        return this;
    }

    public BinXmlWriter CharRef(ushort codePoint)
    {
        chunk.WriteBytes(0x08);
        chunk.WriteUInt16(codePoint);
        return this;
    }

    public BinXmlWriter EntityRef(string name)
    {
        chunk.WriteBytes(0x09);
        Name(name);
        return this;
    }

    public BinXmlWriter CData(string text)
    {
        chunk.WriteBytes(0x07);
        chunk.WriteUInt16((ushort)text.Length);
        chunk.WriteBytes(Encoding.Unicode.GetBytes(text));
        return this;
    }

    public BinXmlWriter ProcessingInstruction(string target, string data)
    {
        chunk.WriteBytes(0x0a);
        Name(target);
        chunk.WriteBytes(0x0b);
        chunk.WriteUInt16((ushort)data.Length);
        chunk.WriteBytes(Encoding.Unicode.GetBytes(data));
        return this;
    }

    public BinXmlWriter Eof()
    {
        chunk.WriteBytes(0x00);
        return this;
    }

    /// <summary>
    /// A template instance: the definition is written inline the first time <paramref name="key"/> is used in
    /// the chunk, and referenced by offset afterwards; then the substitution values.
    /// </summary>
    public BinXmlWriter TemplateInstance(string key, Action<BinXmlWriter> definition, params TemplateValue[] values)
    {
        chunk.WriteBytes(0x0c, 0x01);
        if (chunk.Templates.TryGetValue(key, out var offset))
        {
            chunk.WriteBytes(chunk.Data.AsSpan(offset + 4, 4).ToArray()); // template identifier: the GUID's first 4 bytes
            chunk.WriteUInt32((uint)offset);
        }
        else
        {
            var guid = Guid.NewGuid().ToByteArray();
            chunk.WriteBytes(guid.AsSpan(0, 4).ToArray());
            var definitionOffset = chunk.Position + 4;
            chunk.WriteUInt32((uint)definitionOffset);
            chunk.Templates[key] = definitionOffset;
            chunk.WriteUInt32(0); // next definition
            chunk.WriteBytes(guid);
            var sizeField = chunk.Position;
            chunk.WriteUInt32(0);
            var start = chunk.Position;
            FragmentHeader();
            definition(this);
            Eof();
            chunk.PatchUInt32(sizeField, (uint)(chunk.Position - start));
        }

        chunk.WriteUInt32((uint)values.Length);
        var descriptors = chunk.Position;
        foreach (var value in values)
        {
            chunk.WriteUInt16(0);
            chunk.WriteBytes(value.Type, 0);
        }

        for (var i = 0; i < values.Length; i++)
        {
            var start = chunk.Position;
            if (values[i].Nested is { } nested)
            {
                nested(this);
            }
            else
            {
                chunk.WriteBytes(values[i].Data ?? []);
            }

            chunk.PatchUInt16(descriptors + (i * 4), (ushort)(chunk.Position - start));
        }

        return this;
    }

    private void Name(string name)
    {
        if (chunk.Names.TryGetValue(name, out var offset))
        {
            chunk.WriteUInt32((uint)offset);
            return;
        }

        offset = chunk.Position + 4;
        chunk.WriteUInt32((uint)offset);
        chunk.Names[name] = offset;
        chunk.WriteUInt32(0); // next string
        chunk.WriteUInt16(0); // hash (not checked by readers)
        chunk.WriteUInt16((ushort)name.Length);
        chunk.WriteBytes(Encoding.Unicode.GetBytes(name));
        chunk.WriteUInt16(0);
    }

    private void PatchOpen()
    {
        if (_open.Count > 0)
        {
            var (field, start) = _open.Pop();
            chunk.PatchUInt32(field, (uint)(chunk.Position - start));
        }
    }

    internal static void WriteUInt32(byte[] data, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), value);
}
