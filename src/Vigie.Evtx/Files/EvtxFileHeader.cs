namespace Vigie.Evtx;

/// <summary>
/// The 4 KiB file header as written. Its counters are informative only: the reader never trusts them to
/// find chunks or records (dirty and partially written files are read to their real end).
/// </summary>
public readonly record struct EvtxFileHeader(
    ulong FirstChunkNumber,
    ulong LastChunkNumber,
    ulong NextRecordId,
    uint HeaderSize,
    ushort MinorVersion,
    ushort MajorVersion,
    ushort HeaderBlockSize,
    ushort ChunkCount,
    uint Flags,
    uint Checksum,
    bool ChecksumValid)
{
    /// <summary>Flag 0x0001: the log was not closed cleanly (counters may be stale).</summary>
    public bool IsDirty => (Flags & 0x1) != 0;

    /// <summary>Flag 0x0002: the log reached its maximum size.</summary>
    public bool IsFull => (Flags & 0x2) != 0;
}
