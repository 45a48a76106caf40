namespace Vigie.Evtx;

/// <summary>
/// A damaged part of a file, found and stepped over while reading.
/// </summary>
/// <param name="Kind">What kind of damage.</param>
/// <param name="ChunkIndex">The 64 KiB chunk (0-based, in file order), or -1 for the file header.</param>
/// <param name="FileOffset">Where in the file the damage was seen.</param>
/// <param name="RecordId">The event record identifier when a record is concerned and its identifier is readable.</param>
/// <param name="Message">A sentence for the investigator.</param>
public sealed record EvtxProblem(EvtxProblemKind Kind, int ChunkIndex, long FileOffset, ulong? RecordId, string Message)
{
    /// <summary>True for checksum mismatches (the data was still read).</summary>
    public bool IsChecksum => Kind is EvtxProblemKind.FileHeaderChecksum or EvtxProblemKind.ChunkHeaderChecksum or EvtxProblemKind.ChunkDataChecksum;

    /// <inheritdoc />
    public override string ToString() =>
        ChunkIndex < 0
            ? $"{Kind} at offset {FileOffset}: {Message}"
            : RecordId is { } id
                ? $"{Kind} in chunk {ChunkIndex} at offset {FileOffset} (record {id}): {Message}"
                : $"{Kind} in chunk {ChunkIndex} at offset {FileOffset}: {Message}";
}
