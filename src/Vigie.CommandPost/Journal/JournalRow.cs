using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Journal;

/// <summary>A journal_entries row as Dapper reads it.</summary>
internal sealed class JournalRow
{
    public const string Columns =
        "incident_id AS IncidentId, seq AS Seq, occurred_at_us AS OccurredAtUs, recorded_at_us AS RecordedAtUs, author AS Author, " +
        "kind AS Kind, text AS Text, corrects_seq AS CorrectsSeq, link_type AS LinkType, link_id AS LinkId, prev_hash AS PrevHash, hash AS Hash";

    public long IncidentId { get; set; }
    public long Seq { get; set; }
    public long OccurredAtUs { get; set; }
    public long RecordedAtUs { get; set; }
    public string Author { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public long? CorrectsSeq { get; set; }
    public string? LinkType { get; set; }
    public string? LinkId { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>The entry, or null when the stored kind is not one Vigie knows (an altered row).</summary>
    public JournalEntry? ToEntry(long? exerciseMarkedFrom = null) =>
        WireName<JournalKind>.TryParse(Kind, out var kind)
            ? new JournalEntry(IncidentId, Seq, Time.FromMicros(OccurredAtUs), Time.FromMicros(RecordedAtUs), Author, kind, Text,
                CorrectsSeq, LinkType is null ? null : new JournalLink(LinkType, LinkId ?? ""), PrevHash, Hash,
                exerciseMarkedFrom is { } from && Seq >= from)
            : null;
}
