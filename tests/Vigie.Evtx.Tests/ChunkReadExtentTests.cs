using Vigie.Evtx.Files;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// A chunk is read only as far as its records go when slack space is not recovered: exported and young logs
/// fill a fraction of each 64 KiB chunk, and reading the rest was a tenth of a field-access read's time.
/// </summary>
public sealed class ChunkReadExtentTests
{
    private const int FileHeaderSize = 4096;
    private const int FirstRead = 4096;
    private const int RecordHeaderSize = 24;

    [Fact]
    public void Read_WithoutSlackRecovery_ReadsAChunkOnlyAsFarAsItsRecordsAndTheNextHeader()
    {
        var chunk = new ChunkBuilder();
        for (var i = 1UL; i <= 60; i++)
        {
            Fixture.Simple(chunk, i, TemplateValue.String(new string('x', 40) + i));
        }

        var data = chunk.Finish();
        var freeSpace = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(48));
        Assert.True(freeSpace > FirstRead && freeSpace < 32768, $"free space offset {freeSpace}: the fixture should fill more than the first read, less than half the chunk");
        data.AsSpan(freeSpace).Fill(0x5A); // slack that is not zeros: nothing in it may be taken for a record

        var (ids, read) = ReadCounting(new EvtxFileBuilder().RawChunk(data).Build(), new EvtxReadOptions { RecoverSlack = false });

        Assert.Equal(60, ids.Count);
        Assert.True(read <= FileHeaderSize + freeSpace + RecordHeaderSize,
            $"{read} bytes read for a chunk whose records end at {freeSpace}: at most {FileHeaderSize + freeSpace + RecordHeaderSize} expected");
    }

    [Fact]
    public void Read_WithoutSlackRecovery_StillReadsLiveRecordsWrittenPastTheHeadersCount()
    {
        // A dirty file: record 3 follows with the next identifier after the free space offset.
        var chunk = new ChunkBuilder { LiveRecords = 2 };
        for (var i = 1UL; i <= 3; i++)
        {
            Fixture.Simple(chunk, i, TemplateValue.String("v" + i));
        }

        var (ids, _) = ReadCounting(new EvtxFileBuilder().RawChunk(chunk.Finish()).Build(), new EvtxReadOptions { RecoverSlack = false });

        Assert.Equal([1UL, 2UL, 3UL], ids);
    }

    private static (List<ulong> Ids, long BytesRead) ReadCounting(byte[] image, EvtxReadOptions options)
    {
        var source = new CountingSource(new MemoryChunkSource(image));
        Assert.True(EvtxFile.TryOpen(source, "fixture.evtx", options, out var file, out var error), error);
        var ids = new List<ulong>();
        using (file)
        {
            foreach (var record in file.ReadRecords())
            {
                ids.Add(record.RecordId);
            }
        }

        return (ids, source.BytesRead);
    }

    private sealed class CountingSource(IChunkSource inner) : IChunkSource
    {
        public long BytesRead { get; private set; }

        public long Length => inner.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            var read = inner.ReadAt(offset, buffer);
            BytesRead += read;
            return read;
        }

        public void Dispose() => inner.Dispose();
    }
}
