namespace Vigie.CommandPost.Findings;

/// <summary>What an import did: rows added, rows already there (a retried batch), rows refused and why (first few).</summary>
public sealed record FindingImportResult(long Imported, long Duplicates, long Rejected, IReadOnlyList<string> Errors);
