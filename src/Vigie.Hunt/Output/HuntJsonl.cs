using System.Text.Json;

namespace Vigie.Hunt;

/// <summary>
/// One detection as a JSON object: <c>timestamp</c> (ISO 8601 UTC), <c>computer</c>, <c>channel</c>,
/// <c>event_id</c>, <c>record_id</c>, <c>rule_title</c>, <c>rule_id</c>, <c>level</c>, <c>tactics</c>,
/// <c>techniques</c>, <c>rule_author</c>, <c>details</c> (object, in order), <c>source_file</c>,
/// <c>correlation</c>. Written by <see cref="JsonlHuntSink"/>, read back by <see cref="TryRead"/>.
/// </summary>
public static class HuntJsonl
{
    /// <summary>Writes one detection object.</summary>
    public static void Write(Utf8JsonWriter writer, HuntDetection d)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(d);
        writer.WriteStartObject();
        writer.WriteString("timestamp", HuntTime.Format(d.Timestamp));
        writer.WriteString("computer", d.Computer);
        writer.WriteString("channel", d.Channel);
        if (d.EventId is { } eventId)
        {
            writer.WriteNumber("event_id", eventId);
        }

        if (d.RecordId is { } recordId)
        {
            writer.WriteNumber("record_id", recordId);
        }

        writer.WriteString("rule_title", d.RuleTitle);
        writer.WriteString("rule_id", d.RuleId);
        writer.WriteString("level", HuntLevels.Name(d.Level));
        writer.WriteStartArray("tactics");
        foreach (var tactic in d.Tactics)
        {
            writer.WriteStringValue(tactic);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("techniques");
        foreach (var technique in d.Techniques)
        {
            writer.WriteStringValue(technique);
        }

        writer.WriteEndArray();
        writer.WriteString("rule_author", d.Author);
        writer.WriteStartObject("details");
        foreach (var (name, value) in d.Details)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteString("source_file", d.SourceFile);
        writer.WriteBoolean("correlation", d.IsCorrelation);
        writer.WriteEndObject();
    }

    /// <summary>Reads one detection line; false with a reason when the line is not a detection.</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out HuntDetection? detection, out string? error)
    {
        detection = null;
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            if (!root.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.String || !HuntTime.TryParse(ts.GetString(), out var time))
            {
                error = "timestamp: missing or not an ISO 8601 time";
                return false;
            }

            var title = Text(root, "rule_title");
            if (string.IsNullOrWhiteSpace(title))
            {
                error = "rule_title: missing";
                return false;
            }

            if (!HuntLevels.TryParse(Text(root, "level"), out var level))
            {
                error = "level: not one of informational, low, medium, high, critical";
                return false;
            }

            var details = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in d.EnumerateObject())
                {
                    details.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText()));
                }
            }

            detection = new HuntDetection
            {
                Timestamp = time,
                Computer = Text(root, "computer") ?? "",
                Channel = Text(root, "channel") ?? "",
                EventId = root.TryGetProperty("event_id", out var e) && e.TryGetInt32(out var eventId) ? eventId : null,
                RecordId = root.TryGetProperty("record_id", out var r) && r.TryGetInt64(out var recordId) ? recordId : null,
                RuleTitle = title,
                RuleId = Text(root, "rule_id") ?? "",
                Level = level,
                Tactics = Strings(root, "tactics"),
                Techniques = Strings(root, "techniques"),
                Author = Text(root, "rule_author") ?? "",
                Details = details,
                SourceFile = Text(root, "source_file") ?? "",
                IsCorrelation = root.TryGetProperty("correlation", out var c) && c.ValueKind == JsonValueKind.True,
            };
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "not JSON: " + ex.Message.Split('.')[0];
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
            {
                list.Add(text);
            }
        }

        return [.. list];
    }
}
