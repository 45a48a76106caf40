using System.Buffers.Binary;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>Test-only builder of a whole .evtx image: file header plus chunks.</summary>
public sealed class EvtxFileBuilder
{
    private readonly List<byte[]> _chunks = [];

    public uint Flags { get; set; }

    public ushort? HeaderChunkCount { get; set; }

    public EvtxFileBuilder Chunk(Action<ChunkBuilder> build)
    {
        var chunk = new ChunkBuilder();
        build(chunk);
        _chunks.Add(chunk.Finish());
        return this;
    }

    public EvtxFileBuilder RawChunk(byte[] chunk)
    {
        _chunks.Add(chunk);
        return this;
    }

    public byte[] Build()
    {
        var bytes = new byte[4096 + (_chunks.Count * 65536)];
        "ElfFile\0"u8.CopyTo(bytes);
        var count = HeaderChunkCount ?? (ushort)_chunks.Count;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), (ulong)Math.Max(0, count - 1));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), 1000);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32), 128);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(36), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(38), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(40), 4096);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(42), count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(120), Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(124), Crc32.Compute(bytes.AsSpan(0, 120)));
        for (var i = 0; i < _chunks.Count; i++)
        {
            _chunks[i].CopyTo(bytes, 4096 + (i * 65536));
        }

        return bytes;
    }

    /// <summary>Opens an image in memory through the reader's own entry point.</summary>
    public static EvtxFile Open(byte[] image, EvtxReadOptions? options = null)
    {
        Assert.True(EvtxFile.TryOpen(image, "fixture.evtx", out var file, out var error, options), error);
        return file;
    }
}
