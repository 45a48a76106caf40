using System.Buffers.Binary;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class DamagedFileTests
{
    private static byte[] TwoChunks() => new EvtxFileBuilder()
        .Chunk(c =>
        {
            for (var i = 1; i <= 5; i++)
            {
                Fixture.Simple(c, (ulong)i, TemplateValue.String("a" + i));
            }
        })
        .Chunk(c =>
        {
            for (var i = 6; i <= 10; i++)
            {
                Fixture.Simple(c, (ulong)i, TemplateValue.String("b" + i));
            }
        })
        .Build();

    private static int FirstRecordSize(byte[] image, int chunk) =>
        (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(4096 + (chunk * 65536) + 512 + 4));

    [Fact]
    public void TryOpen_WhenNotAnEventLog_FailsWithAMessage()
    {
        Assert.False(EvtxFile.TryOpen(new byte[8192], "zeros.evtx", out _, out var error));
        Assert.Contains("not a Windows event log", error, StringComparison.Ordinal);
        Assert.False(EvtxFile.TryOpen(Array.Empty<byte>(), "empty.evtx", out _, out var empty));
        Assert.Equal("empty file", empty);
    }

    [Fact]
    public void TryOpen_WhenPathIsMissing_FailsWithAMessage()
    {
        Assert.False(EvtxFile.TryOpen(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".evtx"), out _, out var error));
        Assert.StartsWith("cannot open", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenFileHeaderChecksumIsWrong_ReportsItAndReadsEverything()
    {
        var image = TwoChunks();
        image[24] ^= 0xFF; // next record identifier

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal(10, records.Count);
        Assert.Equal(EvtxProblemKind.FileHeaderChecksum, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Read_WhenHeaderCountsFewerChunksThanTheFileHolds_ReadsToTheRealEnd()
    {
        var builder = new EvtxFileBuilder { HeaderChunkCount = 1, Flags = 1 };
        builder.Chunk(c => Fixture.Simple(c, 1, TemplateValue.String("x")));
        builder.Chunk(c => Fixture.Simple(c, 2, TemplateValue.String("y")));

        var records = Fixture.ReadAll(builder.Build(), out var problems);

        Assert.Equal([1UL, 2UL], records.Select(r => r.Id));
        Assert.Empty(problems);
        using var file = EvtxFileBuilder.Open(builder.Build());
        Assert.True(file.Header.IsDirty);
        Assert.Equal(2, file.ChunkSlotCount);
    }

    [Fact]
    public void Read_WhenFileHeaderIsOverwritten_StillReadsTheChunks()
    {
        var image = TwoChunks();
        Array.Clear(image, 0, 4096);

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal(10, records.Count);
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.FileHeaderInvalid);
    }

    [Fact]
    public void Read_WhenChunkHeaderChecksumIsWrong_FlagsTheChunkAndReadsIt()
    {
        var image = TwoChunks();
        image[4096 + 16] ^= 0x01; // last event record number, covered by the header checksum

        var problems = new List<EvtxProblem>();
        var flagged = new List<bool>();
        using (var file = EvtxFileBuilder.Open(image))
        {
            foreach (var record in file.ReadRecords(problems.Add))
            {
                flagged.Add(record.ChunkChecksumsValid);
            }
        }

        Assert.Equal(10, flagged.Count);
        Assert.Equal([false, false, false, false, false, true, true, true, true, true], flagged);
        var problem = Assert.Single(problems);
        Assert.Equal(EvtxProblemKind.ChunkHeaderChecksum, problem.Kind);
        Assert.Equal(0, problem.ChunkIndex);
        Assert.True(problem.IsChecksum);
    }

    [Fact]
    public void Read_WhenRecordsChecksumIsWrong_ReportsItAndReadsTheRecords()
    {
        var image = TwoChunks();
        var offset = 4096 + 65536 + 512 + 24 + 200;
        image[offset] ^= 0x20; // inside a value of the second chunk's first record (an ASCII letter's case)

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal(10, records.Count);
        var problem = Assert.Single(problems);
        Assert.Equal(EvtxProblemKind.ChunkDataChecksum, problem.Kind);
        Assert.Equal(1, problem.ChunkIndex);
    }

    [Fact]
    public void Read_WhenFileIsTruncatedInsideAChunk_ReadsTheRecordsBeforeTheCut()
    {
        var image = TwoChunks();
        var chunk = 4096 + 65536;
        var sixth = FirstRecordSize(image, 1);
        var seventh = (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(chunk + 512 + sixth + 4));
        var cut = image.AsSpan(0, chunk + 512 + sixth + seventh + 10).ToArray();

        var records = Fixture.ReadAll(cut, out var problems);

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL], records.Select(r => r.Id));
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.TruncatedFile);
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.ChunkDataChecksum);
    }

    [Fact]
    public void Read_WhenAChunkSlotHoldsGarbage_ReportsItAndReadsTheNextChunk()
    {
        var image = TwoChunks();
        new Random(7).NextBytes(image.AsSpan(4096, 65536));

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal([6UL, 7UL, 8UL, 9UL, 10UL], records.Select(r => r.Id));
        Assert.Equal(EvtxProblemKind.ChunkSignature, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Read_WhenAChunkSlotIsZeros_SkipsItSilently()
    {
        var image = TwoChunks();
        Array.Clear(image, 4096, 65536);

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal(5, records.Count);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_WhenARecordSizeCopyIsWrong_SkipsThatRecordAndReadsTheRest()
    {
        var image = TwoChunks();
        var size = FirstRecordSize(image, 0);
        var copy = 4096 + 512 + size - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy), 12345);

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal([2UL, 3UL, 4UL, 5UL, 6UL, 7UL, 8UL, 9UL, 10UL], records.Select(r => r.Id));
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.RecordStructure && p.RecordId == 1);
    }

    [Fact]
    public void Read_WhenARecordSizeIsAbsurd_FindsTheNextRecord()
    {
        var image = TwoChunks();
        var size = FirstRecordSize(image, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4096 + 512 + size + 4), 0x7FFF_FFFF); // record 2's size

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal([1UL, 3UL, 4UL, 5UL, 6UL, 7UL, 8UL, 9UL, 10UL], records.Select(r => r.Id));
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.RecordStructure);
    }

    [Fact]
    public void Read_WhenARecordsBinaryXmlIsBroken_SkipsThatRecordOnly()
    {
        var image = new EvtxFileBuilder().Chunk(c =>
        {
            Fixture.Simple(c, 1, TemplateValue.String("ok"));
            c.AddRecord(2, Fixture.Time, w => w.Chunk.WriteBytes(0x0f, 0x01, 0x01, 0x00, 0x77, 0x77));
            Fixture.Simple(c, 3, TemplateValue.String("ok too"));
        }).Build();

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal([1UL, 3UL], records.Select(r => r.Id));
        var problem = Assert.Single(problems);
        Assert.Equal(EvtxProblemKind.RecordBinXml, problem.Kind);
        Assert.Equal(2UL, problem.RecordId);
    }

    [Fact]
    public void Read_WhenFreeSpaceOffsetIsImpossible_WalksTheChunkToFindTheRecords()
    {
        var image = TwoChunks();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4096 + 48), 0xFFFF_FFF0);

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Equal(10, records.Count);
        Assert.Contains(problems, p => p.Kind == EvtxProblemKind.ChunkHeaderInvalid);
    }

    [Fact]
    public void Read_WhenRecordsFollowTheAnnouncedEndWithNextIds_ReadsThemAsAStaleHeaderWouldHide()
    {
        var chunk = new ChunkBuilder();
        Fixture.Simple(chunk, 1, TemplateValue.String("one"));
        var end = chunk.Position;
        Fixture.Simple(chunk, 2, TemplateValue.String("two"));
        var data = chunk.Finish();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(48), (uint)end); // header written before record 2
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(32), 1);
        ChunkBuilder.FixChecksums(data);

        var records = Fixture.ReadAll(new EvtxFileBuilder().RawChunk(data).Build(), out var problems);

        Assert.Equal([1UL, 2UL], records.Select(r => r.Id));
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_WhenSlackSpaceHoldsAnOldRecord_DoesNotReportItAsLive()
    {
        var chunk = new ChunkBuilder();
        Fixture.Simple(chunk, 100, TemplateValue.String("live"));
        var end = chunk.Position;
        Fixture.Simple(chunk, 7, TemplateValue.String("stale"));
        var data = chunk.Finish();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(48), (uint)end);
        ChunkBuilder.FixChecksums(data);

        var records = Fixture.ReadAll(new EvtxFileBuilder().RawChunk(data).Build(), out _);

        Assert.Equal([100UL], records.Select(r => r.Id));
    }
}
