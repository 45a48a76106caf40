using System.Text.Json;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class RecordFieldTests
{
    [Fact]
    public void SystemFields_WhenStandardTemplate_AreReadWithoutRendering()
    {
        using var file = EvtxFileBuilder.Open(Fixture.SimpleFile(1));
        var enumerator = file.ReadRecords().GetEnumerator();
        Assert.True(enumerator.MoveNext());
        var record = enumerator.Current;

        Assert.Equal(1UL, record.RecordId);
        Assert.Equal(4624, record.EventId);
        Assert.Equal("Security", record.Channel);
        Assert.Equal("Microsoft-Windows-Security-Auditing", record.Provider);
        Assert.Equal("PC01", record.Computer);
        Assert.Equal("S-1-5-18", record.UserId);
        Assert.Equal((byte)0, record.Level);
        Assert.Equal((ushort)12544, record.Task);
        Assert.Equal(0x8020000000000000UL, record.Keywords);
        Assert.Equal(612u, record.ProcessId);
        Assert.Equal(4032u, record.ThreadId);
        Assert.Equal(Fixture.Time.AddTicks(4956748), record.TimeCreated);
        Assert.Equal(Fixture.Time, record.WrittenTime);
        Assert.True(record.TryGetSystemText(EvtxSystemField.ProviderGuid, out var guid));
        Assert.Equal("{54849625-5478-4994-A5BA-3E3B0328C30D}", guid.ToString());
        Assert.True(record.TryGetSystemText(EvtxSystemField.Keywords, out var keywords));
        Assert.Equal("0x8020000000000000", keywords.ToString());
        Assert.True(record.TryGetSystemText(EvtxSystemField.TimeCreated, out var time));
        Assert.Equal("2019-08-14T14:06:44.4956748Z", time.ToString());
        Assert.False(record.TryGetSystemText(EvtxSystemField.Qualifiers, out _));
        Assert.True(record.TryGetText("V", out var value));
        Assert.Equal("value 1", value.ToString());
        Assert.False(record.TryGetText("Missing", out _));
        Assert.Equal("value 1", record.GetString("V"));
        Assert.False(enumerator.MoveNext());
    }

    [Fact]
    public void Record_WhenReaderHasMovedOn_ThrowsInsteadOfShowingStaleData()
    {
        using var file = EvtxFileBuilder.Open(Fixture.SimpleFile(1));
        EvtxRecord? kept = null;
        foreach (var record in file.ReadRecords())
        {
            kept = record;
        }

        Assert.NotNull(kept);
        Assert.Throws<InvalidOperationException>(() => kept.RecordId);
    }

    [Fact]
    public void Template_WhenReusedByLaterRecords_GivesEachRecordItsOwnValues()
    {
        var records = Fixture.ReadAll(Fixture.SimpleFile(50), out var problems);

        Assert.Empty(problems);
        Assert.Equal(50, records.Count);
        Assert.All(records, r => Assert.Equal($"value {r.Id}", Assert.Single(r.Named["V"])));
    }

    [Fact]
    public void UserData_WhenNestedBinaryXml_YieldsLeafElementsAsNamedValues()
    {
        var image = new EvtxFileBuilder().Chunk(c => c.AddRecord(7, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.TemplateInstance("outer", d =>
            {
                d.StartElement("Event").CloseStart();
                d.StartElement("System").CloseStart();
                d.StartElement("EventID").CloseStart().Substitution(0, 0x06).EndElement();
                d.StartElement("Channel").CloseStart().Substitution(1, 0x01).EndElement();
                d.EndElement();
                d.StartElement("UserData").CloseStart().Substitution(2, 0x21).EndElement();
                d.EndElement();
            },
            TemplateValue.UInt16(1102),
            TemplateValue.String("Security"),
            TemplateValue.BinXml(n =>
            {
                n.FragmentHeader();
                n.TemplateInstance("inner", d =>
                {
                    d.StartElement("LogFileCleared", true).Attribute("xmlns").Text("http://manifests.microsoft.com/win/2004/08/windows/eventlog").CloseStart();
                    d.StartElement("SubjectUserSid").CloseStart().Substitution(0, 0x13).EndElement();
                    d.StartElement("SubjectUserName").CloseStart().Substitution(1, 0x01).EndElement();
                    d.StartElement("Error", true).Attribute("Code").Substitution(2, 0x08).CloseEmpty();
                    d.EndElement();
                }, TemplateValue.Sid("S-1-5-21-1-2-3-1108"), TemplateValue.String("admin01"), TemplateValue.UInt32(15007));
                n.Eof();
            }));
            w.Eof();
        })).Build();

        var record = Assert.Single(Fixture.ReadAll(image, out var problems));

        Assert.Empty(problems);
        Assert.Equal(1102, record.EventId);
        Assert.Equal("S-1-5-21-1-2-3-1108", Assert.Single(record.Named["SubjectUserSid"]));
        Assert.Equal("admin01", Assert.Single(record.Named["SubjectUserName"]));
        Assert.Equal("15007", Assert.Single(record.Named["Code"]));
        Assert.Contains("<UserData>\n    <LogFileCleared xmlns=\"http://manifests.microsoft.com/win/2004/08/windows/eventlog\">", record.Xml, StringComparison.Ordinal);
        Assert.Contains("<SubjectUserName>admin01</SubjectUserName>", record.Xml, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(record.Json);
        var cleared = json.RootElement.GetProperty("Event").GetProperty("UserData").GetProperty("LogFileCleared");
        Assert.Equal("admin01", cleared.GetProperty("SubjectUserName").GetString());
        Assert.Equal(15007, cleared.GetProperty("Error").GetProperty("#attributes").GetProperty("Code").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UserData_WhenNestedValueIsPlainElementsWithOrWithoutDependencyIds_IsRead(bool dependencyIds)
    {
        var image = new EvtxFileBuilder().Chunk(c => c.AddRecord(3, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.TemplateInstance("plain", d =>
            {
                d.StartElement("Event").CloseStart();
                d.StartElement("UserData").CloseStart().Substitution(0, 0x21).EndElement();
                d.EndElement();
            }, TemplateValue.BinXml(n =>
            {
                n.StartElement("EventXML", dependencyId: dependencyIds).CloseStart();
                n.StartElement("Param1", dependencyId: dependencyIds).CloseStart().Text("administrator").EndElement();
                n.StartElement("Param2", dependencyId: dependencyIds).CloseStart().Text("10.0.2.16").EndElement();
                n.EndElement();
                n.Eof();
            }));
            w.Eof();
        })).Build();

        var record = Assert.Single(Fixture.ReadAll(image, out var problems));

        Assert.Empty(problems);
        Assert.Equal("administrator", Assert.Single(record.Named["Param1"]));
        Assert.Equal("10.0.2.16", Assert.Single(record.Named["Param2"]));
        Assert.Contains("<Param2>10.0.2.16</Param2>", record.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void EventData_WhenDataItemsHaveNoName_AreNamedDataAndByPosition()
    {
        var image = new EvtxFileBuilder().Chunk(c => c.AddRecord(1, Fixture.Time, w =>
        {
            w.FragmentHeader();
            w.TemplateInstance("classic", d =>
            {
                d.StartElement("Event").CloseStart();
                d.StartElement("EventData").CloseStart();
                d.StartElement("Data").CloseStart().Substitution(0, 0x01).EndElement();
                d.StartElement("Data").CloseStart().Substitution(1, 0x01).EndElement();
                d.StartElement("Binary").CloseStart().Substitution(2, 0x0e).EndElement();
                d.EndElement();
                d.EndElement();
            }, TemplateValue.String("first"), TemplateValue.String("second"), TemplateValue.Binary(0xD9, 0x06));
            w.Eof();
        })).Build();

        using var file = EvtxFileBuilder.Open(image);
        foreach (var record in file.ReadRecords())
        {
            Assert.Equal(3, record.NamedValueCount);
            Assert.True(record.TryGetText("Data", out var first));
            Assert.Equal("first", first.ToString());
            Assert.True(record.TryGetText("Data[2]", out var second));
            Assert.Equal("second", second.ToString());
            Assert.True(record.TryGetText("Binary", out var binary));
            Assert.Equal("D906", binary.ToString());
            using var json = JsonDocument.Parse(record.ToJson());
            var data = json.RootElement.GetProperty("Event").GetProperty("EventData");
            Assert.Equal(["first", "second"], data.GetProperty("Data").GetProperty("#text").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("D906", data.GetProperty("Binary").GetString());
        }
    }
}
