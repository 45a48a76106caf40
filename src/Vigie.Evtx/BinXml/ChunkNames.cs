using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.BinXml;

/// <summary>The chunk's names (element, attribute and entity names) by offset, decoded once per chunk.</summary>
internal sealed class ChunkNames(StringPool pool)
{
    private readonly Chunks.OffsetTable<string> _byOffset = new();

    public void Clear() => _byOffset.Clear();

    /// <summary>True when the name at <paramref name="offset"/> has been read in this chunk already.</summary>
    public bool Contains(long offset) => _byOffset.ContainsKey(offset);

    /// <summary>
    /// True when <paramref name="offset"/> points before <paramref name="before"/>, past the chunk header, at a
    /// well-formed name: a character count, that many non-NUL UTF-16 characters, and the NUL terminator.
    /// </summary>
    public static bool IsPlausibleName(ReadOnlySpan<byte> chunk, long offset, int before)
    {
        if (offset < Chunks.EvtxLayout.ChunkHeaderSize || offset + 8 > before)
        {
            return false;
        }

        var start = (int)offset;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(chunk.Slice(start + 6));
        var terminator = start + 8 + (count * 2);
        if (count == 0 || terminator + 2 > chunk.Length)
        {
            return false;
        }

        var chars = MemoryMarshal.Cast<byte, char>(chunk.Slice(start + 8, count * 2));
        return chars.IndexOf('\0') < 0 && BinaryPrimitives.ReadUInt16LittleEndian(chunk.Slice(terminator)) == 0;
    }

    public string Get(ReadOnlySpan<byte> chunk, int offset)
    {
        if (_byOffset.TryGetValue(offset, out var name) && name is not null)
        {
            return name;
        }

        if (offset < 0 || offset > chunk.Length - 8)
        {
            EvtxFormatException.Throw($"Name offset {offset} is outside the chunk.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(chunk.Slice(offset + 6));
        if (offset + 8 + (count * 2) > chunk.Length)
        {
            EvtxFormatException.Throw($"Name at offset {offset} ({count} characters) runs past the chunk.");
        }

        var chars = MemoryMarshal.Cast<byte, char>(chunk.Slice(offset + 8, count * 2));
        name = pool.Get(chars);
        _byOffset.Set(offset, name);
        return name;
    }
}
