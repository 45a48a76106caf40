using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// The result of checking an incident's chain: intact or not, how many entries, the first broken seq (a broken link,
/// or the first entry whose attached file is missing or altered), the incident's head hash and why it is broken.
/// </summary>
public sealed record JournalVerification(bool Valid, long Entries, long? FirstBrokenSeq, string HeadHash, string? Reason)
{
    private static readonly IReadOnlyList<EvidenceFileFault> s_none = [];

    /// <summary>How many attached files were checked against their hash.</summary>
    public int FilesChecked { get; init; }

    /// <summary>Every attached file that is missing or no longer matches its hash, in seq order.</summary>
    public IReadOnlyList<EvidenceFileFault> FileFaults { get; init; } = s_none;
}
