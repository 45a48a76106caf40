using System.Text.Json;

namespace Vigie.Hunt;

/// <summary>
/// Vigie's JSON lines: one object per detection (<see cref="HuntJsonl"/> names the properties). The command
/// post imports this format (upload or <c>vigie hunt --incident</c>).
/// </summary>
public sealed class JsonlHuntSink(Stream output) : IHuntSink
{
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });
    private readonly Stream _output = output;

    /// <inheritdoc />
    public void Write(HuntDetection detection)
    {
        HuntJsonl.Write(_writer, detection);
        _writer.Flush();
        _output.WriteByte((byte)'\n');
        _writer.Reset();
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
