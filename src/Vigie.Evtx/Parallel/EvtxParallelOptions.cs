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
    /// The handler's results are small (values read, detections; not rendered output): 16 units of work in flight per
    /// thread instead of 4, so the workers seldom wait for the calling thread to take results (on two cores that wait,
    /// spinning, took the time the calling thread needed). Measured on the bench file and corpus
    /// (<c>bench/evtx-vs-peers</c>): field access 12 % faster, the hunt 9 %; with rendered JSON the same room made a
    /// big file's dump 23 % slower and doubled its memory (61 MB), so it is not the default.
    /// </summary>
    public bool SmallResults { get; init; }

    /// <summary>
    /// Chunks in flight at most (read, processed or waiting to be consumed); bounds memory. Default: 4 units of work per
    /// thread of 8 chunks each (16 with <see cref="SmallResults"/>). A file's last unit also takes what is left when that is less than half a unit, so it
    /// may go past the bound by that much.
    /// </summary>
    public int? MaxChunksInFlight { get; init; }
}
