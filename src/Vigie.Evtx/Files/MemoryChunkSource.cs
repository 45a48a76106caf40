namespace Vigie.Evtx.Files;

/// <summary>An EVTX image held in memory (tests, fixtures, fuzzing).</summary>
internal sealed class MemoryChunkSource(ReadOnlyMemory<byte> bytes) : IChunkSource
{
    public long Length => bytes.Length;

    public int ReadAt(long offset, Span<byte> buffer)
    {
        if (offset >= bytes.Length)
        {
            return 0;
        }

        var available = bytes.Span.Slice((int)offset);
        var count = Math.Min(available.Length, buffer.Length);
        available.Slice(0, count).CopyTo(buffer);
        return count;
    }

    public void Dispose()
    {
    }
}
