using System.Buffers.Binary;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// Records written without the 2-byte dependency identifier after each element start (outside templates),
/// as some tools write them: libevtx and python-evtx read none of them. Vigie tells the two layouts apart by
/// which reading gives a name offset that makes sense, element by element.
/// </summary>
public sealed class DependencyIdentifierLayoutTests
{
    private static byte[] File(params bool[] dependencyIds) =>
        new EvtxFileBuilder().Chunk(c =>
        {
            for (var i = 0; i < dependencyIds.Length; i++)
            {
                var withIds = dependencyIds[i];
                var id = (ulong)(i + 1);
                c.AddRecord(id, Fixture.Time, w => PlainEvent.Write(w, withIds, 4688, "PC0" + id, ("NewProcessName", @"C:\Windows\System32\cmd.exe"), ("CommandLine", "cmd /c whoami " + id)));
            }
        }).Build();

    [Fact]
    public void Writer_WithoutDependencyIds_PutsTheDataSizeAndTheInlineNameOffsetRightAfterTheToken()
    {
        var image = File(false);
        var record = 4096 + 512;
        var token = record + 24 + 4; // record header, fragment header

        Assert.Equal(0x41, image[token]); // <Event xmlns=...>
        var size = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(token + 1));
        var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(token + 5));
        Assert.Equal((uint)(token + 9 - 4096), nameOffset); // chunk-relative: the name follows inline
        Assert.Equal(5, BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(token + 9 + 6))); // "Event"
        Assert.True(size > 100);

        var standard = File(true);
        Assert.Equal(0xFFFF, BinaryPrimitives.ReadUInt16LittleEndian(standard.AsSpan(token + 1)));
        Assert.Equal((uint)(token + 11 - 4096), BinaryPrimitives.ReadUInt32LittleEndian(standard.AsSpan(token + 7)));
    }

    [Fact]
    public void Read_WhenElementStartsHaveNoDependencyId_ReadsEveryRecordAsTheStandardLayoutReads()
    {
        // The first record defines every name inline; the second refers to them by offset.
        var plain = Fixture.ReadAll(File(false, false), out var problems);
        var standard = Fixture.ReadAll(File(true, true), out var standardProblems);

        Assert.Empty(problems);
        Assert.Empty(standardProblems);
        Assert.Equal(2, plain.Count);
        Assert.Equal(standard.Select(r => r.Xml), plain.Select(r => r.Xml));
        Assert.Equal(standard.Select(r => r.Json), plain.Select(r => r.Json));
        Assert.Equal(4688, plain[1].EventId);
        Assert.Equal("Security", plain[1].Channel);
        Assert.Equal(["cmd /c whoami 2"], plain[1].Named["CommandLine"]);
        Assert.Contains("<Computer>PC02</Computer>", plain[1].Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenBothLayoutsShareAChunkAndItsNames_ReadsBoth()
    {
        var records = Fixture.ReadAll(File(true, false, true, false), out var problems);

        Assert.Empty(problems);
        Assert.Equal([1UL, 2UL, 3UL, 4UL], records.Select(r => r.Id));
        Assert.Equal(["cmd /c whoami 4"], records[3].Named["CommandLine"]);
        Assert.Equal([@"C:\Windows\System32\cmd.exe"], records[2].Named["NewProcessName"]);
    }
}
