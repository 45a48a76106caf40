using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigie.Evtx.BinXml;

/// <summary>
/// A bounds-checked cursor over a chunk's bytes. Positions are chunk-relative (Binary XML offsets are),
/// and every read past <see cref="End"/> raises <see cref="EvtxFormatException"/>.
/// </summary>
internal ref struct BinXmlReader
{
    private readonly ReadOnlySpan<byte> _chunk;
    private int _position;
    private readonly int _end;

    public BinXmlReader(ReadOnlySpan<byte> chunk, int position, int end)
    {
        if ((uint)end > (uint)chunk.Length || (uint)position > (uint)end)
        {
            EvtxFormatException.Throw($"Binary XML region {position}..{end} is outside the chunk.");
        }

        _chunk = chunk;
        _position = position;
        _end = end;
    }

    public readonly int Position => _position;

    public readonly int End => _end;

    public readonly int Remaining => _end - _position;

    public readonly ReadOnlySpan<byte> Chunk => _chunk;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if (_position >= _end)
        {
            ThrowEnd(1);
        }

        return _chunk[_position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly byte PeekByte()
    {
        if (_position >= _end)
        {
            ThrowEnd(1);
        }

        return _chunk[_position];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16()
    {
        if (_end - _position < 2)
        {
            ThrowEnd(2);
        }

        var value = BinaryPrimitives.ReadUInt16LittleEndian(_chunk.Slice(_position));
        _position += 2;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32()
    {
        if (_end - _position < 4)
        {
            ThrowEnd(4);
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_chunk.Slice(_position));
        _position += 4;
        return value;
    }

    public void Skip(int count)
    {
        if (count < 0 || _end - _position < count)
        {
            ThrowEnd(count);
        }

        _position += count;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || _end - _position < count)
        {
            ThrowEnd(count);
        }

        var span = _chunk.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads a length-prefixed (16-bit character count) UTF-16 string.</summary>
    public ReadOnlySpan<char> ReadPrefixedUtf16()
    {
        var count = ReadUInt16();
        var bytes = ReadBytes(count * 2);
        return MemoryMarshal.Cast<byte, char>(bytes);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowEnd(int wanted) =>
        EvtxFormatException.Throw($"Binary XML ends early: {wanted} byte(s) wanted at offset {_position}, region ends at {_end}.");
}
