using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// One batch read from a findings stream: the findings, the refused lines (count, and the first reasons with their line
/// numbers in the whole stream), whether the stream ended, and the bound that stopped the read (None when none did).
/// </summary>
public sealed record FindingBatchRead(List<HuntDetection> Rows, List<string> Errors, long Refused, bool Ended, FindingBound Bound, string? BoundMessage);
