namespace Vigie.CommandPost.Journal;

/// <summary>A journal_attachments row as Dapper reads it.</summary>
internal sealed class AttachmentRow
{
    public const string Columns =
        "incident_id AS IncidentId, seq AS Seq, position AS Position, sha256 AS Sha256, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes";

    public long IncidentId { get; set; }
    public long Seq { get; set; }
    public int Position { get; set; }
    public string Sha256 { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }

    public JournalAttachment ToAttachment() => new(Sha256, FileName, ContentType, SizeBytes);
}
