namespace Vigie.Evtx;

/// <summary>
/// What to do with the files read by <see cref="EvtxParallelReader"/>. <see cref="ProcessChunk"/> runs on
/// worker threads (one reused cursor per thread); every other method runs on the calling thread, in file
/// and chunk order when the reader keeps order.
/// </summary>
/// <typeparam name="T">What a chunk's processing produces (rendered bytes, matches, counts).</typeparam>
public abstract class EvtxChunkHandler<T>
{
    /// <summary>Worker thread: reads the chunk's records and returns what the calling thread will consume.</summary>
    public abstract T ProcessChunk(EvtxChunk chunk);

    /// <summary>Calling thread: the result of one chunk, with its record count and problems.</summary>
    public abstract void OnChunk(EvtxFile file, EvtxChunkSummary summary, T result);

    /// <summary>Calling thread: a file was opened; its chunks follow.</summary>
    public virtual void OnFileOpened(EvtxFile file)
    {
    }

    /// <summary>Calling thread: a file could not be read at all.</summary>
    public virtual void OnFileFailed(string path, string error)
    {
    }

    /// <summary>Calling thread: every chunk of the file has been consumed; the file is closed right after.</summary>
    public virtual void OnFileCompleted(EvtxFile file)
    {
    }
}
