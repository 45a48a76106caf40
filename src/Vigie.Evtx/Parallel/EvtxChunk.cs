using Vigie.Evtx.Chunks;

namespace Vigie.Evtx;

/// <summary>
/// One 64 KiB chunk handed to <see cref="EvtxChunkHandler{T}.ProcessChunk"/> on a worker thread: its
/// records (read with that worker's reused cursor) and the problems met so far. Valid only during the call.
/// </summary>
public sealed class EvtxChunk
{
    private readonly ChunkReader _reader;
    private readonly List<EvtxProblem> _problems;
    private bool _exhausted;

    internal EvtxChunk(ChunkReader reader, List<EvtxProblem> problems)
    {
        _reader = reader;
        _problems = problems;
    }

    /// <summary>The file the chunk belongs to.</summary>
    public EvtxFile File { get; private set; } = null!;

    /// <summary>The 0-based chunk slot in file order.</summary>
    public int Index { get; private set; }

    /// <summary>False when the slot holds no readable chunk (zeros or garbage); it then has no records.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Problems found in this chunk so far (complete once <see cref="Records"/> has been enumerated).</summary>
    public IReadOnlyList<EvtxProblem> Problems => _problems;

    /// <summary>The chunk's records in order, through one reused <see cref="EvtxRecord"/> cursor.</summary>
    public EvtxChunkRecords Records => new(this);

    /// <summary>The number of records enumerated so far.</summary>
    public int RecordCount { get; private set; }

    internal void Reset(EvtxFile file, int index)
    {
        File = file;
        Index = index;
        RecordCount = 0;
        _exhausted = false;
        _problems.Clear();
        IsLoaded = _reader.Load(file, index, _problems);
    }

    internal bool MoveNext()
    {
        if (!IsLoaded || _exhausted || !_reader.MoveNext())
        {
            _exhausted = true;
            return false;
        }

        RecordCount++;
        return true;
    }

    internal EvtxRecord Current => _reader.Record;
}
