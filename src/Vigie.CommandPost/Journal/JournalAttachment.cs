namespace Vigie.CommandPost.Journal;

/// <summary>
/// A file attached to a journal entry (the photo of the ransom note, a screenshot): its SHA-256 (lowercase hex, which
/// names the stored bytes), the name it was given, its type as read from its content and its size. All four are in the
/// entry's canonical form, so the chain proves the file as it proves the text.
/// </summary>
public sealed record JournalAttachment(string Sha256, string FileName, string ContentType, long SizeBytes)
{
    /// <summary>The attachments of an entry that has none (shared, so entries without files compare equal).</summary>
    public static IReadOnlyList<JournalAttachment> None { get; } = [];

    /// <summary>Whether a browser may show it as an image (PNG, JPEG, WebP); anything else is only downloaded.</summary>
    public bool IsImage => ContentType is "image/png" or "image/jpeg" or "image/webp";
}
