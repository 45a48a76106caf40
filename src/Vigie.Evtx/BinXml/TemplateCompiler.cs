using System.Runtime.CompilerServices;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.BinXml;

/// <summary>
/// Turns a Binary XML fragment (a template definition, or a record body without template) into a
/// <see cref="CompiledTemplate"/>. Names are resolved through the chunk's name table once; nesting depth
/// and every offset are bounded, so damaged input ends in <see cref="EvtxFormatException"/>, never a hang.
/// </summary>
internal sealed class TemplateCompiler(ChunkNames names, StringPool pool)
{
    public const int MaxDepth = 64;
    private TemplateNode[] _nodes = new TemplateNode[128];

    /// <summary>Set while reading slack space: a name referenced by offset must be one the chunk really holds.</summary>
    public bool StrictNames { get; set; }
    private int _count;

    // A name offset that points at no name (StrictNames): parsing stops there, and the caller is told without an
    // exception (in slack space, most stale definitions end so).
    private int _badNameOffset = -1;
    /// <summary>
    /// Compiles the fragment at <paramref name="start"/>. Element starts usually carry a 2-byte dependency
    /// identifier; Binary XML held directly in a substitution value (MS-EVEN6), and records written by some
    /// tools, omit it. Each element start is read in the layout whose name offset makes sense (see
    /// <see cref="HasDependencyIdentifier"/>), so both layouts, and a mix of them, are read.
    /// </summary>
    public CompiledTemplate Compile(ReadOnlySpan<byte> chunk, int start, int end) => new(CompileNodes(chunk, start, end).ToArray());

    /// <summary>
    /// <see cref="Compile"/> into the compiler's own array, valid until the next call: a template already met in
    /// another chunk is recognised from it without allocating a copy.
    /// </summary>
    public ReadOnlySpan<TemplateNode> CompileNodes(ReadOnlySpan<byte> chunk, int start, int end)
    {
        if (!TryCompileNodes(chunk, start, end, out var nodes))
        {
            EvtxFormatException.Throw($"Name offset {_badNameOffset} does not point at a name.");
        }

        return nodes;
    }

    /// <summary>
    /// <see cref="CompileNodes"/>, but false, without an exception, when a name offset points at no name
    /// (<see cref="StrictNames"/>); other damage still throws <see cref="EvtxFormatException"/>.
    /// </summary>
    public bool TryCompileNodes(ReadOnlySpan<byte> chunk, int start, int end, out ReadOnlySpan<TemplateNode> nodes)
    {
        _count = 0;
        _badNameOffset = -1;
        nodes = default;
        var reader = new BinXmlReader(chunk, start, end);
        while (reader.Remaining > 0)
        {
            var token = reader.PeekByte();
            if (token == 0x00)
            {
                break;
            }

            switch (token)
            {
                case 0x0f:
                    reader.Skip(4);
                    break;
                case 0x01:
                case 0x41:
                    ParseElement(ref reader, 0);
                    break;
                case 0x0a:
                    ParsePart(ref reader);
                    break;
                case 0x0d:
                case 0x0e:
                    ParsePart(ref reader);
                    break;
                default:
                    EvtxFormatException.Throw($"Unexpected Binary XML token 0x{token:x2} at fragment level (offset {reader.Position}).");
                    break;
            }

            if (_badNameOffset >= 0)
            {
                return false;
            }
        }

        if (_count == 0)
        {
            EvtxFormatException.Throw($"Empty Binary XML fragment at offset {start}.");
        }

        nodes = _nodes.AsSpan(0, _count);
        return true;
    }

    private void ParseElement(ref BinXmlReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            EvtxFormatException.Throw($"Binary XML nested deeper than {MaxDepth} elements.");
        }

        var token = reader.ReadByte();
        if (HasDependencyIdentifier(reader.Chunk, reader.Position, reader.End))
        {
            reader.Skip(2); // dependency identifier
        }

        reader.Skip(4); // data size
        var nameOffset = (int)reader.ReadUInt32();
        var name = ReadName(ref reader, nameOffset);
        if (_badNameOffset >= 0)
        {
            return;
        }

        var element = Add(NodeKind.Element);
        _nodes[element].Text = name;

        if ((token & 0x40) != 0)
        {
            reader.Skip(4); // attribute list size
            while (reader.Remaining > 0 && (reader.PeekByte() & 0xBF) == 0x06)
            {
                reader.ReadByte();
                var attributeNameOffset = (int)reader.ReadUInt32();
                var attributeName = ReadName(ref reader, attributeNameOffset);
                if (_badNameOffset >= 0)
                {
                    return;
                }

                var attribute = Add(NodeKind.Attribute);
                _nodes[attribute].Text = attributeName;
                while (reader.Remaining > 0 && IsAttributeValueToken(reader.PeekByte()))
                {
                    ParsePart(ref reader);
                    if (_badNameOffset >= 0)
                    {
                        return;
                    }
                }

                _nodes[attribute].End = _count;
            }
        }

        _nodes[element].ContentStart = _count;
        var close = reader.ReadByte();
        if (close == 0x03)
        {
            _nodes[element].End = _count;
            return;
        }

        if (close != 0x02)
        {
            EvtxFormatException.Throw($"Unexpected Binary XML token 0x{close:x2} after the start tag of <{name}> (offset {reader.Position - 1}).");
        }

        var block = false;
        while (true)
        {
            var token2 = reader.PeekByte();
            if (token2 == 0x04)
            {
                reader.ReadByte();
                break;
            }

            if (token2 is 0x01 or 0x41)
            {
                block = true;
                ParseElement(ref reader, depth + 1);
                if (_badNameOffset >= 0)
                {
                    return;
                }

                continue;
            }

            if (token2 == 0x00)
            {
                EvtxFormatException.Throw($"Binary XML ends inside <{name}> (offset {reader.Position}).");
            }

            var part = ParsePart(ref reader);
            if (_badNameOffset >= 0)
            {
                return;
            }

            if (_nodes[part].Kind == NodeKind.Substitution && _nodes[part].ValueType == (byte)EvtxValueType.BinXml)
            {
                block = true;
            }
        }

        _nodes[element].End = _count;
        _nodes[element].BlockContent = block;
    }

    /// <summary>
    /// Tells the two layouts of an element start apart. With the dependency identifier, the name offset sits 6
    /// bytes after the token byte; without it, 4 bytes after. The right reading gives an offset that points at
    /// the name defined inline right after it, or at a name already in the chunk (met before, or a well-formed
    /// name structure earlier in the chunk). When neither reading makes sense, the standard layout is read
    /// (and its error reported).
    /// </summary>
    private bool HasDependencyIdentifier(ReadOnlySpan<byte> chunk, int afterToken, int end)
    {
        var with = NameOffsetAt(chunk, afterToken + 6, end);
        var without = NameOffsetAt(chunk, afterToken + 4, end);
        if (with == afterToken + 10)
        {
            return true;
        }

        if (without == afterToken + 8)
        {
            return false;
        }

        if (names.Contains(with))
        {
            return true;
        }

        if (names.Contains(without))
        {
            return false;
        }

        return ChunkNames.IsPlausibleName(chunk, with, afterToken) || !ChunkNames.IsPlausibleName(chunk, without, afterToken);
    }

    private static long NameOffsetAt(ReadOnlySpan<byte> chunk, int position, int end) =>
        position + 4 <= end ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(position)) : -1;

    private static bool IsAttributeValueToken(byte token) =>
        token is 0x05 or 0x45 or 0x0d or 0x0e or 0x08 or 0x48 or 0x09 or 0x49;

    private int ParsePart(ref BinXmlReader reader)
    {
        var token = reader.ReadByte();
        switch (token)
        {
            case 0x05:
            case 0x45:
                {
                    var type = reader.ReadByte();
                    if (type != (byte)EvtxValueType.String)
                    {
                        EvtxFormatException.Throw($"Value token of type 0x{type:x2} (only strings are defined) at offset {reader.Position - 1}.");
                    }

                    var text = reader.ReadPrefixedUtf16();
                    var node = Add(NodeKind.Text);
                    _nodes[node].Text = pool.Get(text);
                    return node;
                }

            case 0x0d:
            case 0x0e:
                {
                    var index = reader.ReadUInt16();
                    var type = reader.ReadByte();
                    var node = Add(NodeKind.Substitution);
                    _nodes[node].Index = index;
                    _nodes[node].ValueType = type;
                    _nodes[node].Optional = token == 0x0e;
                    return node;
                }

            case 0x08:
            case 0x48:
                {
                    var node = Add(NodeKind.CharRef);
                    _nodes[node].Index = reader.ReadUInt16();
                    return node;
                }

            case 0x09:
            case 0x49:
                {
                    var nameOffset = (int)reader.ReadUInt32();
                    var node = Add(NodeKind.EntityRef);
                    _nodes[node].Text = ReadName(ref reader, nameOffset);
                    return node;
                }

            case 0x07:
            case 0x47:
                {
                    var text = reader.ReadPrefixedUtf16();
                    var node = Add(NodeKind.CData);
                    _nodes[node].Text = text.ToString();
                    return node;
                }

            case 0x0a:
                {
                    var nameOffset = (int)reader.ReadUInt32();
                    var target = ReadName(ref reader, nameOffset);
                    var node = Add(NodeKind.ProcessingInstruction);
                    _nodes[node].Text = target;
                    if (_badNameOffset >= 0)
                    {
                        return node;
                    }

                    if (reader.Remaining > 0 && reader.PeekByte() == 0x0b)
                    {
                        reader.ReadByte();
                        _nodes[node].Text2 = reader.ReadPrefixedUtf16().ToString();
                    }

                    return node;
                }

            default:
                return EvtxFormatException.Throw<int>($"Unexpected Binary XML token 0x{token:x2} in content (offset {reader.Position - 1}).");
        }
    }

    /// <summary>The name at <paramref name="nameOffset"/>; with <see cref="StrictNames"/>, "" and the offset noted when no name is there.</summary>
    private string ReadName(ref BinXmlReader reader, int nameOffset)
    {
        if (nameOffset == reader.Position)
        {
            // The name is defined here, inline: skip its structure (next offset, hash, count, characters, NUL).
            reader.Skip(Chunks.EvtxLayout.NameCharacterCount);
            var count = reader.ReadUInt16();
            reader.Skip((count * 2) + 2);
        }
        else if (StrictNames && !names.Contains(nameOffset) && !ChunkNames.IsPlausibleName(reader.Chunk, nameOffset, reader.Position))
        {
            _badNameOffset = nameOffset;
            return "";
        }

        return names.Get(reader.Chunk, nameOffset);
    }

    private int Add(NodeKind kind)
    {
        if (_count == _nodes.Length)
        {
            if (_count >= 1 << 20)
            {
                EvtxFormatException.Throw("Binary XML template too large.");
            }

            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_count] = new TemplateNode { Kind = kind };
        return _count++;
    }
}
