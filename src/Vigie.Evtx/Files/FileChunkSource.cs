using Microsoft.Win32.SafeHandles;

namespace Vigie.Evtx.Files;

/// <summary>A file on disk read with positional reads (no shared file position, so threads read in parallel).</summary>
internal sealed class FileChunkSource(SafeFileHandle handle) : IChunkSource
{
    public long Length { get; } = RandomAccess.GetLength(handle);

    public int ReadAt(long offset, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.Slice(total), offset + total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Dispose() => handle.Dispose();
}
