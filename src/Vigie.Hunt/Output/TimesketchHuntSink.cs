using System.Text.Json;

namespace Vigie.Hunt;

/// <summary>
/// JSON lines as Timesketch imports them: <c>message</c>, <c>datetime</c> (ISO 8601), <c>timestamp</c>
/// (microseconds since the epoch), <c>timestamp_desc</c>, then the row's columns as attributes.
/// </summary>
public sealed class TimesketchHuntSink(Stream output) : IHuntSink
{
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });
    private readonly Stream _output = output;

    /// <inheritdoc />
    public void Write(HuntDetection d)
    {
        var w = _writer;
        var details = d.DetailsText();
        w.WriteStartObject();
        w.WriteString("message", $"[{HuntLevels.Name(d.Level)}] {d.RuleTitle}" + (d.Details.Count > 0 ? " | " + details : ""));
        w.WriteString("datetime", HuntTime.Format(d.Timestamp));
        w.WriteNumber("timestamp", (d.Timestamp.Ticks - DateTime.UnixEpoch.Ticks) / 10);
        w.WriteString("timestamp_desc", d.IsCorrelation ? "Correlation Last Event Time" : "Event Time");
        w.WriteString("computer_name", d.Computer);
        w.WriteString("channel", d.Channel);
        if (d.EventId is { } eventId)
        {
            w.WriteNumber("event_id", eventId);
        }

        if (d.RecordId is { } recordId)
        {
            w.WriteNumber("record_id", recordId);
        }

        w.WriteString("rule_title", d.RuleTitle);
        w.WriteString("rule_id", d.RuleId);
        w.WriteString("level", HuntLevels.Name(d.Level));
        w.WriteString("tactics", string.Join(", ", d.Tactics));
        w.WriteString("techniques", string.Join(", ", d.Techniques));
        w.WriteString("rule_author", d.Author);
        w.WriteString("details", details);
        w.WriteString("source_file", d.SourceFile);
        w.WriteString("tag", "vigie-hunt");
        w.WriteEndObject();
        w.Flush();
        _output.WriteByte((byte)'\n');
        w.Reset();
    }

    /// <inheritdoc />
    public void Complete(HuntSummary summary)
    {
        _writer.Flush();
        _writer.Dispose();
        _output.Flush();
        _output.Dispose();
    }
}
