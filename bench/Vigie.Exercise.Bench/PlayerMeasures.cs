using Vigie.CommandPost.Bench;

namespace Vigie.Exercise.Bench;

/// <summary>What every player adds to: page refresh and answer latencies, notices received, refreshes made, heartbeats.</summary>
internal sealed class PlayerMeasures
{
    public Latencies Pages { get; } = new("exercise tab refresh after a live notice");

    public Latencies Answers { get; } = new("answer (journal decision linked to the stimulus)");

#pragma warning disable CA1051 // counters incremented with Interlocked
    public long Notices;
    public long Refreshes;
    public long Pings;
    public long PingErrors;
#pragma warning restore CA1051
}
