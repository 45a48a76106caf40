using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class BinXmlTokenTests
{
    [Fact]
    public void RecordWithoutTemplate_WhenItUsesEveryContentToken_RendersThemAll()
    {
        var image = new EvtxFileBuilder().Chunk(c => c.AddRecord(1, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.ProcessingInstruction("xml-stylesheet", "href=\"a.xsl\"");
            w.StartElement("Event", true).Attribute("a", more: true).Text("x", more: true).Text("y")
                .Attribute("b").CharRef(38).CloseStart();
            w.StartElement("Text").CloseStart().Text("one ", more: true).EntityRef("amp").Text(" two").CharRef(0x41).EndElement();
            w.StartElement("Script").CloseStart().CData("if (a < b) {}").EndElement();
            w.StartElement("Empty").CloseEmpty();
            w.EndElement();
            w.Eof();
        })).Build();

        var record = Assert.Single(Fixture.ReadAll(image, out var problems));

        Assert.Empty(problems);
        Assert.Equal(
            "<?xml-stylesheet href=\"a.xsl\"?>\n<Event a=\"xy\" b=\"&#38;\">\n  <Text>one &amp; two&#65;</Text>\n  <Script><![CDATA[if (a < b) {}]]></Script>\n  <Empty />\n</Event>",
            record.Xml);
    }

    [Fact]
    public void TemplateValue_WhenMadeOfLiteralAndSubstitutionParts_JoinsThemInFieldsAndXml()
    {
        var image = new EvtxFileBuilder().Chunk(c => c.AddRecord(1, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.TemplateInstance("mixed", d =>
            {
                d.StartElement("Event").CloseStart();
                d.StartElement("EventData").CloseStart();
                d.StartElement("Data", true).Attribute("Name").Text("Path").CloseStart()
                    .Text("C:\\", more: true).Substitution(0, 0x01).Text("\\x.exe").EndElement();
                d.EndElement();
                d.EndElement();
            }, TemplateValue.String("Windows"));
            w.Eof();
        })).Build();

        var record = Assert.Single(Fixture.ReadAll(image, out _));

        Assert.Equal("C:\\Windows\\x.exe", Assert.Single(record.Named["Path"]));
        Assert.Contains("<Data Name=\"Path\">C:\\Windows\\x.exe</Data>", record.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_WhenDefinedInlineOnceThenReferenced_ResolveInEveryRecord()
    {
        var image = new EvtxFileBuilder().Chunk(c =>
        {
            for (var i = 1; i <= 3; i++)
            {
                c.AddRecord((ulong)i, Fixture.Time, w =>
                {
                    w.FragmentHeader();
                    w.StartElement("Event").CloseStart().StartElement("Computer").CloseStart().Text("PC" + w.Chunk.RecordCount).EndElement().EndElement();
                    w.Eof();
                });
            }
        }).Build();

        var records = Fixture.ReadAll(image, out var problems);

        Assert.Empty(problems);
        Assert.Equal(["<Event>\n  <Computer>PC0</Computer>\n</Event>", "<Event>\n  <Computer>PC1</Computer>\n</Event>", "<Event>\n  <Computer>PC2</Computer>\n</Event>"],
            records.Select(r => r.Xml));
    }
}
