using System.Buffers.Binary;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>Test-only builder of one 64 KiB chunk: header, records, names and templates defined on first use.</summary>
public sealed class ChunkBuilder
{
    private ulong _firstId;
    private ulong _lastId;

    public byte[] Data { get; } = new byte[65536];

    public int Position { get; private set; } = 512;

    public Dictionary<string, int> Names { get; } = [];

    public Dictionary<string, int> Templates { get; } = [];

    public int RecordCount { get; private set; }

    /// <summary>Where each record starts, in order.</summary>
    public List<int> RecordOffsets { get; } = [];

    /// <summary>
    /// When set, only the first so many records are live: the header's last identifier and free space offset
    /// stop before the next one, which lies in slack space.
    /// </summary>
    public int? LiveRecords { get; set; }

    private readonly List<ulong> _ids = [];

    /// <summary>Adds a record whose Binary XML <paramref name="body"/> writes (fragment header included by the caller).</summary>
    public ChunkBuilder AddRecord(ulong id, DateTime written, Action<BinXmlWriter> body)
    {
        var start = Position;
        RecordOffsets.Add(start);
        _ids.Add(id);
        WriteBytes(0x2a, 0x2a, 0x00, 0x00);
        WriteUInt32(0);
        WriteUInt64(id);
        WriteUInt64((ulong)written.ToFileTimeUtc());
        body(new BinXmlWriter(this));
        WriteUInt32(0);
        var size = (uint)(Position - start);
        PatchUInt32(start + 4, size);
        PatchUInt32(Position - 4, size);
        if (RecordCount == 0)
        {
            _firstId = id;
        }

        _lastId = id;
        RecordCount++;
        return this;
    }

    /// <summary>Writes the chunk header (counters, free space offset, both checksums).</summary>
    public byte[] Finish()
    {
        var live = LiveRecords ?? RecordCount;
        var lastId = live == RecordCount ? _lastId : live == 0 ? 0 : _ids[live - 1];
        var free = live == RecordCount ? Position : RecordOffsets[live];
        "ElfChnk\0"u8.CopyTo(Data);
        BinaryPrimitives.WriteUInt64LittleEndian(Data.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(Data.AsSpan(16), (ulong)live);
        BinaryPrimitives.WriteUInt64LittleEndian(Data.AsSpan(24), _firstId);
        BinaryPrimitives.WriteUInt64LittleEndian(Data.AsSpan(32), lastId);
        BinaryPrimitives.WriteUInt32LittleEndian(Data.AsSpan(40), 128);
        BinaryPrimitives.WriteUInt32LittleEndian(Data.AsSpan(44), 512);
        BinaryPrimitives.WriteUInt32LittleEndian(Data.AsSpan(48), (uint)free);
        FixChecksums(Data);
        return Data;
    }

    /// <summary>Recomputes a chunk's records and header checksums (after a test changed its bytes on purpose).</summary>
    public static void FixChecksums(byte[] chunk, int offset = 0)
    {
        var span = chunk.AsSpan(offset, 65536);
        var free = (int)BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(48));
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(52), Crc32.Compute(span.Slice(512, free - 512)));
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(124), Crc32.Append(Crc32.Compute(span.Slice(0, 120)), span.Slice(128, 384)));
    }

    public void WriteBytes(params byte[] bytes)
    {
        bytes.CopyTo(Data, Position);
        Position += bytes.Length;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Data.AsSpan(Position), value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Data.AsSpan(Position), value);
        Position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Data.AsSpan(Position), value);
        Position += 8;
    }

    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Data.AsSpan(offset), value);

    public void PatchUInt32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Data.AsSpan(offset), value);
}
