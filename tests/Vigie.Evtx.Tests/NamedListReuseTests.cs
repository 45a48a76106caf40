using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// A record's named-value list is reused from an earlier record of the same template only when its nested values
/// (if any) decode to the same templates and no value is an array. Records that differ in any of these ways, one after another in a chunk, must each get their own.
/// </summary>
public sealed class NamedListReuseTests
{
    private static void Outer(ChunkBuilder chunk, ulong id, TemplateValue userData) =>
        chunk.AddRecord(id, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.TemplateInstance("outer", d =>
            {
                d.StartElement("Event").CloseStart();
                d.StartElement("System").CloseStart();
                d.StartElement("EventID").CloseStart().Substitution(0, 0x06).EndElement();
                d.EndElement();
                d.StartElement("UserData").CloseStart().Substitution(1, 0x21, optional: true).EndElement();
                d.EndElement();
            }, TemplateValue.UInt16(1), userData);
            w.Eof();
        });

    private static TemplateValue InnerA(TemplateValue first, TemplateValue second) => TemplateValue.BinXml(n =>
    {
        n.FragmentHeader();
        n.TemplateInstance("innerA", d =>
        {
            d.StartElement("A").CloseStart();
            d.StartElement("A1").CloseStart().Substitution(0, 0x01).EndElement();
            d.StartElement("A2").CloseStart().Substitution(1, 0x01).EndElement();
            d.EndElement();
        }, first, second);
        n.Eof();
    });

    private static TemplateValue InnerB(string value) => TemplateValue.BinXml(n =>
    {
        n.FragmentHeader();
        n.TemplateInstance("innerB", d =>
        {
            d.StartElement("B").CloseStart();
            d.StartElement("B1").CloseStart().Substitution(0, 0x01).EndElement();
            d.EndElement();
        }, TemplateValue.String(value));
        n.Eof();
    });

    [Fact]
    public void Records_OfOneTemplate_NestingDifferently_EachListTheirOwnValues()
    {
        var chunk = new ChunkBuilder();
        Outer(chunk, 1, InnerA(TemplateValue.String("a"), TemplateValue.String("b")));
        Outer(chunk, 2, InnerA(TemplateValue.String("c"), TemplateValue.String("d")));
        Outer(chunk, 3, InnerB("e"));
        Outer(chunk, 4, InnerA(TemplateValue.StringArray("f", "g"), TemplateValue.String("h")));
        Outer(chunk, 5, InnerA(TemplateValue.String("i"), TemplateValue.String("j")));
        Outer(chunk, 6, TemplateValue.Null());
        Outer(chunk, 7, InnerB("k"));
        var image = new EvtxFileBuilder().RawChunk(chunk.Finish()).Build();

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Empty(problems);
        string Named(Fixture.ReadRecord r) => string.Join(" ", r.Named.Select(p => $"{p.Key}={string.Join(",", p.Value)}"));
        Assert.Equal(
            ["A1=a A2=b", "A1=c A2=d", "B1=e", "A1=f,g A2=h", "A1=i A2=j", "", "B1=k"],
            records.Select(Named));
    }

    [Fact]
    public void Records_OfOneFlatTemplate_WithAndWithoutArrays_EachListTheirOwnValues()
    {
        var chunk = new ChunkBuilder();
        Fixture.Simple(chunk, 1, TemplateValue.String("one"));
        Fixture.Simple(chunk, 2, TemplateValue.StringArray("two", "three"));
        Fixture.Simple(chunk, 3, TemplateValue.String("four"));
        Fixture.Simple(chunk, 4, TemplateValue.StringArray());
        Fixture.Simple(chunk, 5, TemplateValue.UInt32(5));
        var image = new EvtxFileBuilder().RawChunk(chunk.Finish()).Build();

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Empty(problems);
        Assert.Equal([["one"], ["two", "three"], ["four"], [""], ["5"]], records.Select(r => r.Named["V"]));
    }
}
