namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>Content stored as evidence: its SHA-256 (lowercase hex), its type read from its bytes, its size.</summary>
public sealed record StoredEvidence(string Sha256, string ContentType, long SizeBytes);
