using Vigie.CommandPost.Common;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// One batch read from a findings stream: the findings, the refused lines (count, and the first reasons with their line
/// numbers in the whole stream), whether the stream ended, and the bound that stopped the read (None when none did).
/// </summary>
public sealed record FindingBatchRead(List<HuntDetection> Rows, List<string> Errors, long Refused, bool Ended, FindingBound Bound, string? BoundMessage, long BoundLimit = 0)
{
    /// <summary>The bound that stopped the read as a problem on <paramref name="field"/>: which bound and its limit.</summary>
    public Problem BoundProblem(string field, bool tooLarge = false)
    {
        var code = Bound switch
        {
            FindingBound.DecompressedBytes => ProblemCode.FindingsBodyTooLarge,
            FindingBound.Lines => ProblemCode.FindingsTooManyLines,
            FindingBound.Findings => ProblemCode.FindingsBatchTooMany,
            _ => ProblemCode.FindingsTooManyRefusedLines,
        };
        object limit = Bound == FindingBound.DecompressedBytes ? BoundLimit / (1024.0 * 1024.0) : BoundLimit;
        return tooLarge ? Problem.TooLarge(field, code, limit) : Problem.Invalid(field, code, limit);
    }
}
