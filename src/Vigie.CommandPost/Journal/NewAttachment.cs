namespace Vigie.CommandPost.Journal;

/// <summary>
/// A file to attach to a new entry: the SHA-256 of content already stored (Evidence.EvidenceService.StoreAsync) and the
/// name to show. The type and size come from the stored content, never from the request.
/// </summary>
public sealed record NewAttachment(string Sha256, string FileName)
{
    public static IReadOnlyList<NewAttachment> None { get; } = [];
}
