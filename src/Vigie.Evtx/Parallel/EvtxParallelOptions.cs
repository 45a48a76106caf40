namespace Vigie.Evtx;

/// <summary>How <see cref="EvtxParallelReader"/> spreads the work.</summary>
public sealed record EvtxParallelOptions
{
    /// <summary>Worker threads (default: every core). 1 reads on the calling thread.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Deliver results in file and chunk order (default); otherwise as chunks complete.</summary>
    public bool KeepOrder { get; init; } = true;

    /// <summary>How each file is read (slack recovery, code page of ANSI strings); default <see cref="EvtxReadOptions.Default"/>.</summary>
    public EvtxReadOptions? Reading { get; init; }

    /// <summary>
    /// Chunks in flight at most (read, processed or waiting to be consumed); bounds memory. Default: 4 units of work per
    /// thread of 8 chunks each. A file's last unit also takes what is left when that is less than half a unit, so it
    /// may go past the bound by that much.
    /// </summary>
    public int? MaxChunksInFlight { get; init; }
}
