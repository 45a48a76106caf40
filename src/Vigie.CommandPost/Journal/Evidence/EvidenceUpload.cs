using System.Diagnostics.CodeAnalysis;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>The outcome of storing a file: the stored content, or why it was refused.</summary>
public sealed record EvidenceUpload(StoredEvidence? Stored, EvidenceRefused? Refused)
{
    [MemberNotNullWhen(true, nameof(Stored))]
    [MemberNotNullWhen(false, nameof(Refused))]
    public bool IsOk => Stored is not null;

    public static EvidenceUpload Ok(StoredEvidence stored) => new(stored, null);

    public static EvidenceUpload Refuse(EvidenceRefused refused) => new(null, refused);
}
