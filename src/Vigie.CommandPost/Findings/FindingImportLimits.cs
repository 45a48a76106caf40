namespace Vigie.CommandPost.Findings;

/// <summary>
/// What one import request (or one uploaded file) may cost the server, enforced while the body streams in (nothing is
/// buffered whole): decompressed bytes, bytes per line, lines, findings, refused lines. A request that goes past one
/// is answered 413 naming the bound, and imports nothing; a line longer than <see cref="MaxLineBytes"/> is refused
/// alone (its number and the bound are reported) without ever being held in memory.
/// </summary>
public sealed record FindingImportLimits
{
    /// <summary>The bounds of one API request (a batch of `vigie hunt --server`, which sends 5,000 findings or 16 MiB).</summary>
    public static readonly FindingImportLimits Request = new();

    /// <summary>
    /// The bounds of an uploaded file (the Findings tab): it is read in batches (5,000 findings, 16 MiB or 20,000 lines
    /// each), so it has no size bound of its own beyond the upload's; refused lines are bounded over the whole file.
    /// </summary>
    public static readonly FindingImportLimits File = new() { MaxBodyBytes = long.MaxValue };

    /// <summary>Bytes of the body after gzip decompression: 32 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Bytes of one line (one finding): 1 MiB. A longer line is refused and skipped.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

    /// <summary>Lines of one request or batch, blank and refused lines included: 20,000.</summary>
    public int MaxLines { get; init; } = 20_000;

    /// <summary>Findings in one batch: 10,000 (`vigie hunt` sends 5,000).</summary>
    public int MaxFindings { get; init; } = FindingService.MaxBatchRows;

    /// <summary>Refused lines in one request or file: 1,000 (beyond, it is not a Vigie hunt file).</summary>
    public int MaxRefusedLines { get; init; } = 1_000;

    /// <summary>Refused lines whose reason is reported (the count covers them all).</summary>
    public int MaxReportedErrors { get; init; } = 20;
}
