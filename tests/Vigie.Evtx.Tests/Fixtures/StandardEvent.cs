namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>
/// Writes an event shaped like Windows writes them: one template for Event/System/EventData where every
/// System value and every Data value is a substitution, as in the Security and Sysmon channels.
/// </summary>
public static class StandardEvent
{
    public const string ProviderGuid = "54849625-5478-4994-a5ba-3e3b0328c30d";

    /// <summary>Substitution layout: 0 provider, 1 guid, 2 event id, 3 version, 4 level, 5 task, 6 opcode, 7 keywords,
    /// 8 time, 9 record id, 10 activity (optional), 11 process, 12 thread, 13 channel, 14 computer, 15 user (optional),
    /// then the data values.</summary>
    public static void Write(BinXmlWriter w, string templateKey, string[] dataNames, ulong recordId, int eventId, string channel,
        string computer, DateTime time, params TemplateValue[] data)
    {
        var values = new List<TemplateValue>
        {
            TemplateValue.String("Microsoft-Windows-Security-Auditing"),
            TemplateValue.Guid(Guid.Parse(ProviderGuid)),
            TemplateValue.UInt16((ushort)eventId),
            TemplateValue.UInt8(2),
            TemplateValue.UInt8(0),
            TemplateValue.UInt16(12544),
            TemplateValue.UInt8(0),
            TemplateValue.HexInt64(0x8020000000000000),
            TemplateValue.FileTime(time),
            TemplateValue.UInt64(recordId),
            TemplateValue.Null(),
            TemplateValue.UInt32(612),
            TemplateValue.UInt32(4032),
            TemplateValue.String(channel),
            TemplateValue.String(computer),
            TemplateValue.Sid("S-1-5-18"),
        };
        values.AddRange(data);
        w.FragmentHeader();
        w.TemplateInstance(templateKey, d => Definition(d, dataNames), values.ToArray());
        w.Eof();
    }

    private static void Definition(BinXmlWriter d, string[] dataNames)
    {
        d.StartElement("Event", hasAttributes: true).Attribute("xmlns").Text("http://schemas.microsoft.com/win/2004/08/events/event").CloseStart();
        d.StartElement("System").CloseStart();
        d.StartElement("Provider", true).Attribute("Name", more: true).Substitution(0, 0x01, optional: true)
            .Attribute("Guid").Substitution(1, 0x0f, optional: true).CloseEmpty();
        d.StartElement("EventID").CloseStart().Substitution(2, 0x06, optional: true).EndElement();
        d.StartElement("Version").CloseStart().Substitution(3, 0x04, optional: true).EndElement();
        d.StartElement("Level").CloseStart().Substitution(4, 0x04, optional: true).EndElement();
        d.StartElement("Task").CloseStart().Substitution(5, 0x06, optional: true).EndElement();
        d.StartElement("Opcode").CloseStart().Substitution(6, 0x04, optional: true).EndElement();
        d.StartElement("Keywords").CloseStart().Substitution(7, 0x15, optional: true).EndElement();
        d.StartElement("TimeCreated", true).Attribute("SystemTime").Substitution(8, 0x11, optional: true).CloseEmpty();
        d.StartElement("EventRecordID").CloseStart().Substitution(9, 0x0a, optional: true).EndElement();
        d.StartElement("Correlation", true).Attribute("ActivityID").Substitution(10, 0x0f, optional: true).CloseEmpty();
        d.StartElement("Execution", true).Attribute("ProcessID", true).Substitution(11, 0x08, optional: true)
            .Attribute("ThreadID").Substitution(12, 0x08, optional: true).CloseEmpty();
        d.StartElement("Channel").CloseStart().Substitution(13, 0x01, optional: true).EndElement();
        d.StartElement("Computer").CloseStart().Substitution(14, 0x01, optional: true).EndElement();
        d.StartElement("Security", true).Attribute("UserID").Substitution(15, 0x13, optional: true).CloseEmpty();
        d.EndElement(); // System
        d.StartElement("EventData").CloseStart();
        for (var i = 0; i < dataNames.Length; i++)
        {
            d.StartElement("Data", true).Attribute("Name").Text(dataNames[i]).CloseStart().Substitution(16 + i, 0x01, optional: true).EndElement();
        }

        d.EndElement(); // EventData
        d.EndElement(); // Event
    }
}
