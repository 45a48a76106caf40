using System.Globalization;
using System.Xml;

namespace Vigie.Sigma.Testing;

/// <summary>
/// Reads the XML that <c>evtxexport -f xml</c> writes (events one after another, after a banner line) into
/// <see cref="SigmaEvent"/>s, flattened as the hunt's EVTX adapter will: System elements by name and their
/// attributes as <c>Element_Attribute</c> (<c>Provider_Name</c>, <c>TimeCreated_SystemTime</c>, ...),
/// <c>EventData</c> values by their <c>Name</c> (unnamed ones as <c>Data</c>), <c>UserData</c> values by
/// element name. An empty element is an empty value. System values are added as the header's (<see cref="SigmaEvent.AddSystem"/>).
/// </summary>
public static class EvtxXmlEvents
{
    public static List<(SigmaEvent Event, DateTimeOffset Time)> Read(TextReader text)
    {
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            DtdProcessing = DtdProcessing.Prohibit,
            CheckCharacters = false,
        };
        var events = new List<(SigmaEvent, DateTimeOffset)>();
        using var xml = XmlReader.Create(new SkipBanner(new StringReader(Sanitize(text.ReadToEnd()))), settings);
        while (xml.ReadToFollowing("Event"))
        {
            using var sub = xml.ReadSubtree();
            events.Add(ReadEvent(sub));
        }

        return events;
    }

    private static (SigmaEvent, DateTimeOffset) ReadEvent(XmlReader xml)
    {
        var ev = new SigmaEvent();
        var time = DateTimeOffset.MinValue;
        xml.Read(); // <Event>
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "System":
                    ReadSystem(xml.ReadSubtree(), ev, ref time);
                    break;
                case "EventData":
                    ReadEventData(xml.ReadSubtree(), ev);
                    break;
                case "UserData":
                    ReadUserData(xml.ReadSubtree(), ev);
                    break;
                default:
                    break;
            }
        }

        return (ev, time);
    }

    private static void ReadSystem(XmlReader xml, SigmaEvent ev, ref DateTimeOffset time)
    {
        using (xml)
        {
            xml.Read();
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var name = xml.LocalName;
                if (xml.HasAttributes)
                {
                    while (xml.MoveToNextAttribute())
                    {
                        if (xml.Prefix == "xmlns" || xml.LocalName == "xmlns")
                        {
                            continue;
                        }

                        ev.AddSystem($"{name}_{xml.LocalName}", xml.Value);
                        if (name == "TimeCreated" && xml.LocalName == "SystemTime" &&
                            DateTimeOffset.TryParse(Trim(xml.Value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                        {
                            time = t;
                        }
                    }

                    xml.MoveToElement();
                }

                if (!xml.IsEmptyElement)
                {
                    var value = xml.ReadElementContentAsString();
                    ev.AddSystem(name, value);
                }
                else if (name is "EventID" or "Channel" or "Computer" or "Level" or "Task" or "Opcode" or "Keywords" or "Version" or "EventRecordID")
                {
                    ev.AddSystem(name, "");
                }
            }
        }
    }

    private static void ReadEventData(XmlReader xml, SigmaEvent ev)
    {
        using (xml)
        {
            xml.Read();
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var name = xml.GetAttribute("Name") ?? (xml.LocalName == "Data" ? "Data" : xml.LocalName);
                ev.Add(name, xml.IsEmptyElement ? "" : xml.ReadElementContentAsString());
            }
        }
    }

    private static void ReadUserData(XmlReader xml, SigmaEvent ev)
    {
        using (xml)
        {
            xml.Read();
            var depth = xml.Depth;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.Depth <= depth + 1)
                {
                    continue;
                }

                var name = xml.LocalName;
                if (xml.IsEmptyElement)
                {
                    ev.Add(name, "");
                    continue;
                }

                using var leaf = xml.ReadSubtree();
                leaf.Read();
                var text = "";
                var hasChildren = false;
                while (leaf.Read())
                {
                    if (leaf.NodeType == XmlNodeType.Element)
                    {
                        hasChildren = true;
                        break;
                    }

                    if (leaf.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        text += leaf.Value;
                    }
                }

                if (!hasChildren)
                {
                    ev.Add(name, text);
                }
            }
        }
    }

    /// <summary>Control characters that XML forbids (evtxexport writes them raw) become U+FFFD.</summary>
    private static string Sanitize(string xml) =>
        string.Create(xml.Length, xml, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                span[i] = c < 0x20 && c is not '\t' and not '\n' and not '\r' ? '\uFFFD' : c;
            }
        });

    private static string Trim(string systemTime)
    {
        // evtxexport writes nine fractional digits; DateTimeOffset reads seven.
        var dot = systemTime.IndexOf('.', StringComparison.Ordinal);
        var z = systemTime.IndexOf('Z', StringComparison.Ordinal);
        return dot > 0 && z > dot + 8 ? string.Concat(systemTime.AsSpan(0, dot + 8), "Z") : systemTime;
    }

    /// <summary>Drops what comes before the first '&lt;' (the evtxexport banner).</summary>
    private sealed class SkipBanner(TextReader inner) : TextReader
    {
        private bool _started;

        public override int Read()
        {
            Start();
            return inner.Read();
        }

        public override int Peek()
        {
            Start();
            return inner.Peek();
        }

        public override int Read(char[] buffer, int index, int count)
        {
            Start();
            return inner.Read(buffer, index, count);
        }

        private void Start()
        {
            if (_started)
            {
                return;
            }

            _started = true;
            while (inner.Peek() is >= 0 and not '<')
            {
                inner.Read();
            }
        }
    }
}
