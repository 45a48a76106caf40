using System.Text;
using System.Text.Json;

namespace Vigie.Sigma.Tests.Regression;

/// <summary>
/// Reads the JSON copies of the regression samples (the Rust <c>evtx_dump</c> shape: <c>#attributes</c> for
/// XML attributes, typed numbers; sometimes several objects concatenated) into <see cref="SigmaEvent"/>s,
/// flattened the way the hunt flattens EVTX records: System fields as <c>Provider_Name</c>,
/// <c>TimeCreated_SystemTime</c>, ...; EventData and UserData values under their own names; unnamed Data
/// values under <c>Data</c>.
/// </summary>
internal static class EvtxDumpJson
{
    public static List<SigmaEvent> ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var events = new List<SigmaEvent>();
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.TryGetProperty("Event", out var ev))
            {
                events.Add(Flatten(ev));
            }
        }

        return events;
    }

    public static SigmaEvent Flatten(JsonElement ev)
    {
        var result = new SigmaEvent();
        if (ev.TryGetProperty("System", out var system))
        {
            foreach (var property in system.EnumerateObject())
            {
                System(result, property.Name, property.Value);
            }
        }

        if (ev.TryGetProperty("EventData", out var eventData) && eventData.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in eventData.EnumerateObject())
            {
                if (property.Name == "#attributes")
                {
                    continue;
                }

                Value(result, property.Name == "#text" ? "Data" : property.Name, property.Value);
            }
        }

        if (ev.TryGetProperty("UserData", out var userData) && userData.ValueKind == JsonValueKind.Object)
        {
            foreach (var root in userData.EnumerateObject())
            {
                if (root.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var property in root.Value.EnumerateObject())
                {
                    if (property.Name != "#attributes")
                    {
                        Value(result, property.Name, property.Value);
                    }
                }
            }
        }

        return result;
    }

    private static void System(SigmaEvent result, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("#text", out var text))
            {
                Value(result, name, text);
            }

            if (value.TryGetProperty("#attributes", out var attributes))
            {
                foreach (var attribute in attributes.EnumerateObject())
                {
                    Value(result, $"{name}_{attribute.Name}", attribute.Value);
                }
            }

            return;
        }

        Value(result, name, value);
    }

    private static void Value(SigmaEvent result, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                result.Add(name, null);
                break;
            case JsonValueKind.String:
                result.Add(name, value.GetString());
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                result.Add(name, value.GetRawText());
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Value(result, name, item);
                }

                break;
            case JsonValueKind.Object:
                if (value.TryGetProperty("#text", out var text))
                {
                    Value(result, name, text);
                }
                else
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        if (property.Name != "#attributes")
                        {
                            Value(result, property.Name, property.Value);
                        }
                    }
                }

                break;
            default:
                break;
        }
    }

    public static string Describe(SigmaEvent ev)
    {
        var sb = new StringBuilder();
        foreach (var name in ev.Names)
        {
            sb.Append(name).Append('=').Append(string.Join(" | ", ev.Values(name))).Append("; ");
        }

        return sb.ToString();
    }
}
