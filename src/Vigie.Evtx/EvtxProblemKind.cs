namespace Vigie.Evtx;

/// <summary>What went wrong in a damaged file. The reader reports each problem and goes on reading.</summary>
public enum EvtxProblemKind
{
    /// <summary>The file header's CRC-32 does not match its first 120 bytes.</summary>
    FileHeaderChecksum,

    /// <summary>The file header holds impossible values (sizes, version); the reader ignores them.</summary>
    FileHeaderInvalid,

    /// <summary>The file ends inside a chunk: the last, partial chunk is read as far as it goes.</summary>
    TruncatedFile,

    /// <summary>A 64 KiB chunk slot holds neither a chunk signature nor zeros.</summary>
    ChunkSignature,

    /// <summary>The chunk header's CRC-32 does not match; the chunk is still read when its structure allows.</summary>
    ChunkHeaderChecksum,

    /// <summary>The CRC-32 of the chunk's event records does not match; the records are still read.</summary>
    ChunkDataChecksum,

    /// <summary>The chunk header holds impossible offsets; the records are found by walking the chunk.</summary>
    ChunkHeaderInvalid,

    /// <summary>An event record's signature, size or copy of size is wrong; the reader looks for the next record.</summary>
    RecordStructure,

    /// <summary>An event record's Binary XML cannot be decoded; the record is skipped.</summary>
    RecordBinXml,
}
