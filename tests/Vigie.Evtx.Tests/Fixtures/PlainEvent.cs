namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>
/// Writes an event as plain Binary XML, without template: every value a text token. With
/// <c>dependencyIds: false</c> it makes the layout some tools write, where an element start (0x01/0x41) is
/// followed directly by the data size and the name offset (no 2-byte dependency identifier).
/// </summary>
public static class PlainEvent
{
    public static void Write(BinXmlWriter w, bool dependencyIds, int eventId, string computer, params (string Name, string Value)[] data)
    {
        w.FragmentHeader();
        w.StartElement("Event", hasAttributes: true, dependencyId: dependencyIds).Attribute("xmlns").Text("http://schemas.microsoft.com/win/2004/08/events/event").CloseStart();
        w.StartElement("System", dependencyId: dependencyIds).CloseStart();
        w.StartElement("Provider", hasAttributes: true, dependencyId: dependencyIds).Attribute("Name").Text("Microsoft-Windows-Security-Auditing").CloseEmpty();
        w.StartElement("EventID", dependencyId: dependencyIds).CloseStart().Text(eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)).EndElement();
        w.StartElement("TimeCreated", hasAttributes: true, dependencyId: dependencyIds).Attribute("SystemTime").Text("2019-08-14T14:06:44.4956748Z").CloseEmpty();
        w.StartElement("Channel", dependencyId: dependencyIds).CloseStart().Text("Security").EndElement();
        w.StartElement("Computer", dependencyId: dependencyIds).CloseStart().Text(computer).EndElement();
        w.EndElement(); // System
        w.StartElement("EventData", dependencyId: dependencyIds).CloseStart();
        foreach (var (name, value) in data)
        {
            w.StartElement("Data", hasAttributes: true, dependencyId: dependencyIds).Attribute("Name").Text(name).CloseStart().Text(value).EndElement();
        }

        w.EndElement(); // EventData
        w.EndElement(); // Event
        w.Eof();
    }
}
