using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.BinXml;

/// <summary>The chunk's names (element, attribute and entity names) by offset, decoded once per chunk.</summary>
internal sealed class ChunkNames(StringPool pool)
{
    private readonly Dictionary<int, string> _byOffset = [];

    public void Clear() => _byOffset.Clear();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> chunk, int offset)
    {
        if (_byOffset.TryGetValue(offset, out var name))
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
        _byOffset[offset] = name;
        return name;
    }
}
