using Vigie.Hunt;
namespace Vigie.Cli.Hunt;

/// <summary>Hands every row and the summary to several sinks.</summary>
internal sealed class TeeSink(params IHuntSink[] sinks) : IHuntSink
{
    public void Write(HuntDetection detection)
    {
        foreach (var sink in sinks)
        {
            sink.Write(detection);
        }
    }

    public void Complete(HuntSummary summary)
    {
        foreach (var sink in sinks)
        {
            sink.Complete(summary);
        }
    }
}
