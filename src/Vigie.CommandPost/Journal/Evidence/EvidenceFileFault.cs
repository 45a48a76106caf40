namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>A file an entry refers to that is missing from the store or no longer matches its hash.</summary>
public sealed record EvidenceFileFault(long Seq, string Sha256, string FileName, EvidenceState State);
