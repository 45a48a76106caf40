using System.Buffers;
using System.Text;
using Vigie.Evtx.Rendering;

namespace Vigie.Evtx;

public sealed partial class EvtxRecord
{
    private Utf8Buffer? _scratch;

    internal JsonRenderer.Scratch? JsonScratch { get; set; }

    /// <summary>Writes the event as XML (UTF-8, as Windows renders it, indented by two spaces).</summary>
    public void WriteXml(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureValid();
        if (output is Utf8Buffer direct)
        {
            XmlRenderer.Render(this, direct, 0);
            return;
        }

        var scratch = Scratch();
        XmlRenderer.Render(this, scratch, 0);
        output.Write(scratch.WrittenSpan);
    }

    /// <summary>Writes the event as one line of JSON shaped like evtx_dump's (<c>Event.System.*</c>, <c>Event.EventData.*</c>).</summary>
    public void WriteJson(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureValid();
        if (output is Utf8Buffer direct)
        {
            JsonRenderer.Render(this, direct);
            return;
        }

        var scratch = Scratch();
        JsonRenderer.Render(this, scratch);
        output.Write(scratch.WrittenSpan);
    }

    /// <summary>The event as an XML string.</summary>
    public string ToXml()
    {
        EnsureValid();
        var scratch = Scratch();
        XmlRenderer.Render(this, scratch, 0);
        return Encoding.UTF8.GetString(scratch.WrittenSpan);
    }

    /// <summary>The event as a JSON string (one line).</summary>
    public string ToJson()
    {
        EnsureValid();
        var scratch = Scratch();
        JsonRenderer.Render(this, scratch);
        return Encoding.UTF8.GetString(scratch.WrittenSpan);
    }

    internal void RenderXml(Utf8Buffer output, int indent) => XmlRenderer.Render(this, output, indent);

    internal void RenderJson(Utf8Buffer output) => JsonRenderer.Render(this, output);

    private Utf8Buffer Scratch()
    {
        _scratch ??= new Utf8Buffer(16 * 1024);
        _scratch.Clear();
        return _scratch;
    }
}
