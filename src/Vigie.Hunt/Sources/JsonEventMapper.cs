using System.Text.Json;
using Vigie.Sigma;

namespace Vigie.Hunt.Sources;

/// <summary>
/// Turns one JSON object into the canonical Windows field names (src/Vigie.Sigma/README.md): evtx_dump,
/// Winlogbeat and NXLog (flat) shapes. The shape is detected on a file's first event and re-detected when
/// an event does not fit it.
/// </summary>
internal static class JsonEventMapper
{
    private static readonly Dictionary<string, string> s_flatNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Hostname"] = "Computer",
        ["SourceName"] = "Provider_Name",
        ["ProviderName"] = "Provider_Name",
        ["ProviderGuid"] = "Provider_Guid",
        ["RecordNumber"] = "EventRecordID",
        ["ProcessID"] = "Execution_ProcessID",
        ["ThreadID"] = "Execution_ThreadID",
        ["UserID"] = "Security_UserID",
        ["ActivityID"] = "Correlation_ActivityID",
        ["RelatedActivityID"] = "Correlation_RelatedActivityID",
    };

    private static readonly Dictionary<string, string> s_winlogNames = new(StringComparer.Ordinal)
    {
        ["channel"] = "Channel",
        ["event_id"] = "EventID",
        ["provider_name"] = "Provider_Name",
        ["provider_guid"] = "Provider_Guid",
        ["computer_name"] = "Computer",
        ["record_id"] = "EventRecordID",
        ["task"] = "Task",
        ["opcode"] = "Opcode",
        ["version"] = "Version",
        ["activity_id"] = "Correlation_ActivityID",
        ["related_activity_id"] = "Correlation_RelatedActivityID",
    };

    public static JsonEventShape Detect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return JsonEventShape.Unknown;
        }

        if (root.TryGetProperty("Event", out var ev) && ev.ValueKind == JsonValueKind.Object)
        {
            return JsonEventShape.EvtxDump;
        }

        if (root.TryGetProperty("winlog", out var winlog) && winlog.ValueKind == JsonValueKind.Object)
        {
            return JsonEventShape.Winlogbeat;
        }

        return JsonEventShape.Flat;
    }

    public static JsonHuntEvent Map(JsonElement root, JsonEventShape shape) => shape switch
    {
        JsonEventShape.EvtxDump => EvtxDump(root.GetProperty("Event")),
        JsonEventShape.Winlogbeat => Winlogbeat(root),
        _ => Flat(root),
    };

    private static JsonHuntEvent EvtxDump(JsonElement ev)
    {
        var values = new SigmaEvent();
        var result = new JsonHuntEvent(values);
        if (ev.TryGetProperty("System", out var system) && system.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in system.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    if (property.Value.TryGetProperty("#text", out var text))
                    {
                        Add(values, property.Name, text, system: true);
                    }

                    if (property.Value.TryGetProperty("#attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var attribute in attributes.EnumerateObject())
                        {
                            Add(values, property.Name + "_" + attribute.Name, attribute.Value, system: true);
                        }
                    }
                }
                else
                {
                    Add(values, property.Name, property.Value, system: true);
                }
            }
        }

        foreach (var section in (ReadOnlySpan<string>)["EventData", "UserData"])
        {
            if (!ev.TryGetProperty(section, out var data) || data.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var property in data.EnumerateObject())
            {
                if (property.Name == "#attributes")
                {
                    continue;
                }

                if (section == "UserData" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    AddChildren(values, property.Value); // UserData's single root element: its children are the values
                }
                else
                {
                    Add(values, property.Name == "#text" ? "Data" : property.Name, property.Value);
                }
            }
        }

        result.Timestamp = ParseTime(result.First("TimeCreated_SystemTime"));
        return result;
    }

    private static JsonHuntEvent Winlogbeat(JsonElement root)
    {
        var values = new SigmaEvent();
        var result = new JsonHuntEvent(values);
        var winlog = root.GetProperty("winlog");
        foreach (var property in winlog.EnumerateObject())
        {
            switch (property.Name)
            {
                case "event_data" or "user_data" when property.Value.ValueKind == JsonValueKind.Object:
                    AddChildren(values, property.Value);
                    break;
                case "process" when property.Value.ValueKind == JsonValueKind.Object:
                    if (property.Value.TryGetProperty("pid", out var pid))
                    {
                        Add(values, "Execution_ProcessID", pid, system: true);
                    }

                    if (property.Value.TryGetProperty("thread", out var thread) && thread.ValueKind == JsonValueKind.Object &&
                        thread.TryGetProperty("id", out var tid))
                    {
                        Add(values, "Execution_ThreadID", tid, system: true);
                    }

                    break;
                case "user" when property.Value.ValueKind == JsonValueKind.Object:
                    if (property.Value.TryGetProperty("identifier", out var sid))
                    {
                        Add(values, "Security_UserID", sid, system: true);
                    }

                    break;
                case "time_created":
                    Add(values, "TimeCreated_SystemTime", property.Value, system: true);
                    break;
                default:
                    if (s_winlogNames.TryGetValue(property.Name, out var canonical))
                    {
                        Add(values, canonical, property.Value, system: true);
                    }

                    break;
            }
        }

        if (values.SystemValue("Computer") is null && root.TryGetProperty("host", out var host) && host.ValueKind == JsonValueKind.Object &&
            host.TryGetProperty("name", out var hostName))
        {
            Add(values, "Computer", hostName, system: true);
        }

        var time = result.First("TimeCreated_SystemTime");
        if (time is null && root.TryGetProperty("@timestamp", out var stamp) && stamp.ValueKind == JsonValueKind.String)
        {
            time = stamp.GetString();
        }

        result.Timestamp = ParseTime(time);
        return result;
    }

    private static JsonHuntEvent Flat(JsonElement root)
    {
        var values = new SigmaEvent();
        var result = new JsonHuntEvent(values);
        string? time = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "EventTime" or "TimeCreated" or "@timestamp" or "timestamp" or "TimeCreated_SystemTime":
                    time ??= property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    if (property.Name == "TimeCreated_SystemTime")
                    {
                        Add(values, property.Name, property.Value);
                    }

                    break;
                case "EventReceivedTime" or "SourceModuleName" or "SourceModuleType":
                    break; // the collector's own fields
                default:
                    Add(values, s_flatNames.TryGetValue(property.Name, out var canonical) ? canonical : property.Name, property.Value);
                    break;
            }
        }

        result.Timestamp = ParseTime(time);
        return result;
    }

    private static void AddChildren(SigmaEvent values, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "#attributes")
            {
                Add(values, property.Name, property.Value);
            }
        }
    }

    /// <param name="system">A value of the System header: a data value of the same name wins for rules (SigmaFieldCollisions).</param>
    private static void Add(SigmaEvent values, string name, JsonElement value, bool system = false)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                Add(values, name, (string?)null, system);
                break;
            case JsonValueKind.String:
                Add(values, name, value.GetString(), system);
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                Add(values, name, value.GetRawText(), system);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Add(values, name, item, system);
                }

                break;
            case JsonValueKind.Object:
                if (value.TryGetProperty("#text", out var text))
                {
                    Add(values, name, text, system);
                }
                else
                {
                    AddChildren(values, value);
                }

                break;
            default:
                break;
        }
    }

    private static void Add(SigmaEvent values, string name, string? value, bool system)
    {
        if (system)
        {
            values.AddSystem(name, value);
        }
        else
        {
            values.Add(name, value);
        }
    }

    /// <summary>ISO 8601 (with or without zone: without, UTC is assumed) or NXLog's <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static DateTime? ParseTime(string? text) => HuntTime.TryParse(text, out var time) ? time : null;
}
