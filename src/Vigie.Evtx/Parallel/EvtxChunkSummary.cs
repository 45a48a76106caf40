namespace Vigie.Evtx;

/// <summary>What reading one chunk found.</summary>
/// <param name="ChunkIndex">The 0-based chunk slot in file order.</param>
/// <param name="IsChunk">False when the slot held no readable chunk.</param>
/// <param name="RecordCount">The records read from the chunk.</param>
/// <param name="Problems">The problems found in the chunk.</param>
public sealed record EvtxChunkSummary(int ChunkIndex, bool IsChunk, int RecordCount, IReadOnlyList<EvtxProblem> Problems);
