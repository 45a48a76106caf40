using System.Buffers.Binary;
using System.Text.Json;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class SlackSpaceTests
{
    private static readonly EvtxReadOptions s_recover = new() { RecoverSlack = true };

    /// <summary>Two live records (1, 2), then in slack space an older record (77) and whatever <paramref name="more"/> adds.</summary>
    private static byte[] WithSlack(Action<ChunkBuilder>? more = null, Action<byte[], ChunkBuilder>? patch = null) =>
        new EvtxFileBuilder().RawChunk(BuildChunk(more, patch)).Build();

    private static byte[] BuildChunk(Action<ChunkBuilder>? more, Action<byte[], ChunkBuilder>? patch)
    {
        var chunk = new ChunkBuilder { LiveRecords = 2 };
        Fixture.Simple(chunk, 1, TemplateValue.String("live one"));
        Fixture.Simple(chunk, 2, TemplateValue.String("live two"));
        Fixture.Simple(chunk, 77, TemplateValue.String("left behind"));
        more?.Invoke(chunk);
        var data = chunk.Finish();
        patch?.Invoke(data, chunk);
        return data;
    }

    [Fact]
    public void Read_WhenAnIntactRecordLiesInSlackSpace_RecoversItAfterTheLiveOnesAndSaysSo()
    {
        var records = Fixture.ReadAll(WithSlack(), out var problems, s_recover);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL, 77UL], records.Select(r => r.Id));
        Assert.Equal([false, false, true], records.Select(r => r.Recovered));
        Assert.Equal(["left behind"], records[2].Named["V"]);
        Assert.StartsWith("<!-- Recovered from slack space", records[2].Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Recovered", records[1].Xml, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(records[2].Json);
        Assert.True(json.RootElement.GetProperty("RecoveredFromSlack").GetBoolean());
        Assert.False(JsonDocument.Parse(records[0].Json).RootElement.TryGetProperty("RecoveredFromSlack", out _));
    }

    [Fact]
    public void Read_ByDefault_GivesTheLiveRecordsOnly()
    {
        var records = Fixture.ReadAll(WithSlack(), out var problems);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL], records.Select(r => r.Id));
    }

    [Fact]
    public void Read_WhenSlackHoldsCopiesOfLiveRecords_CountsEachRecordOnce()
    {
        // A stale copy of live record 2 in this chunk, a second copy of 77, and a copy of record 5 that is live in the next chunk.
        var first = BuildChunk(c =>
        {
            Fixture.Simple(c, 2, TemplateValue.String("stale copy"));
            Fixture.Simple(c, 77, TemplateValue.String("left behind"));
            Fixture.Simple(c, 5, TemplateValue.String("copy of a live record elsewhere"));
        }, null);
        var image = new EvtxFileBuilder().RawChunk(first).Chunk(c => Fixture.Simple(c, 5, TemplateValue.String("live five"))).Build();

        var records = Fixture.ReadAll(image, out var problems, s_recover);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL, 77UL, 5UL], records.Select(r => r.Id));
        Assert.Equal([false, false, true, false], records.Select(r => r.Recovered));
        Assert.Equal(["live five"], records[3].Named["V"]);
    }

    [Fact]
    public void Read_WhenSlackHoldsGarbageOrACutRecord_RecoversNothingAndReportsNothing()
    {
        var image = WithSlack(patch: (data, chunk) =>
        {
            var slack = chunk.RecordOffsets[2];
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(slack + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(slack + size - 4), (uint)size + 8); // copy of size no longer matches
            new Random(7).NextBytes(data.AsSpan(chunk.Position + 16, 3000));
            "**\0\0"u8.CopyTo(data.AsSpan(chunk.Position + 100)); // a signature followed by nonsense
        });

        var records = Fixture.ReadAll(image, out var problems, s_recover);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL], records.Select(r => r.Id));
    }

    [Fact]
    public void Read_WhenASlackRecordNamesATemplateThatIsNotTheOneAtItsOffset_RefusesIt()
    {
        // The chunk was reused: the template the record names (its identifier) is no longer the one at the offset.
        var image = WithSlack(patch: (data, chunk) =>
        {
            var body = chunk.RecordOffsets[2] + 24 + 4; // record header, fragment header
            Assert.Equal(0x0c, data[body]);
            data[body + 2] ^= 0xFF; // template identifier
        });

        var records = Fixture.ReadAll(image, out var problems, s_recover);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL], records.Select(r => r.Id));
    }

    [Fact]
    public void Read_WhenTheLiveRecordsRunPastTheHeadersCount_ReadsThemOnceAsLive()
    {
        // A dirty file: record 3 follows with the next identifier after the free space offset.
        var chunk = new ChunkBuilder { LiveRecords = 2 };
        for (var i = 1UL; i <= 3; i++)
        {
            Fixture.Simple(chunk, i, TemplateValue.String("v" + i));
        }

        var records = Fixture.ReadAll(new EvtxFileBuilder().RawChunk(chunk.Finish()).Build(), out _, s_recover);

        Assert.Equal([1UL, 2UL, 3UL], records.Select(r => r.Id));
        Assert.All(records, r => Assert.False(r.Recovered));
    }
}
