namespace Vigie.Evtx.Files;

/// <summary>Random access to the bytes of an EVTX file; safe for concurrent reads.</summary>
internal interface IChunkSource : IDisposable
{
    long Length { get; }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns the count read.</summary>
    int ReadAt(long offset, Span<byte> buffer);
}
