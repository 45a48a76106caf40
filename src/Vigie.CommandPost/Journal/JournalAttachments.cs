using System.Data.Common;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal;

/// <summary>The journal's side of attached files: checking and resolving what an entry asks to carry, writing and reading the rows.</summary>
internal static class JournalAttachments
{
    /// <summary>What a person or a client may get wrong in <see cref="NewJournalEntry.Attachments"/>, before anything is read.</summary>
    public static Problem? Validate(IReadOnlyList<NewAttachment> attachments)
    {
        if (attachments.Count > NewJournalEntry.MaxAttachments)
        {
            return Problem.Invalid("attachments", ProblemCode.TooManyAttachments, NewJournalEntry.MaxAttachments, attachments.Count);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < attachments.Count; i++)
        {
            var sha = attachments[i]?.Sha256;
            if (!EvidenceHash.IsValid(sha))
            {
                return Problem.Invalid($"attachments[{i}].sha256", ProblemCode.AttachmentHashInvalid, i);
            }

            if (!seen.Add(sha!))
            {
                return Problem.Invalid($"attachments[{i}].sha256", ProblemCode.AttachmentDuplicate, i);
            }

            if (attachments[i].FileName is { Length: > 1000 })
            {
                return Problem.Invalid($"attachments[{i}].fileName", ProblemCode.AttachmentNameTooLong, i);
            }
        }

        return null;
    }

    /// <summary>The attachments as they will be chained: each file's type and size from the store, its name cleaned.</summary>
    public static async Task<Result<IReadOnlyList<JournalAttachment>>> ResolveAsync(UnitOfWork unit, EvidenceStore store, IReadOnlyList<NewAttachment> wanted)
    {
        var shas = wanted.Select(a => a.Sha256).ToArray();
        const string Select = "SELECT sha256 AS Sha256, size_bytes AS SizeBytes, content_type AS ContentType FROM evidence_files WHERE sha256 ";
        var stored = (await unit.Connection.QueryAsync<StoredRow>(unit.Sql(Select + "IN @shas", Select + "= ANY(@shas)"),
            new { shas }, unit.Transaction).ConfigureAwait(false)).ToDictionary(r => r.Sha256, StringComparer.Ordinal);
        var list = new List<JournalAttachment>(wanted.Count);
        for (var i = 0; i < wanted.Count; i++)
        {
            if (!stored.TryGetValue(wanted[i].Sha256, out var row) || !store.IsPresent(row.Sha256))
            {
                return Problem.Invalid($"attachments[{i}].sha256", ProblemCode.AttachmentNotStored, wanted[i].Sha256);
            }

            list.Add(new JournalAttachment(row.Sha256, EvidenceFileName.Clean(wanted[i].FileName, row.ContentType), row.ContentType, row.SizeBytes));
        }

        return list;
    }

    public static Task InsertAsync(UnitOfWork unit, long incidentId, long seq, IReadOnlyList<JournalAttachment> attachments) =>
        unit.Connection.ExecuteAsync(
            """
            INSERT INTO journal_attachments (incident_id, seq, position, sha256, file_name, content_type, size_bytes)
            VALUES (@incidentId, @seq, @position, @sha256, @fileName, @contentType, @sizeBytes)
            """,
            attachments.Select((a, i) => new { incidentId, seq, position = i, sha256 = a.Sha256, fileName = a.FileName, contentType = a.ContentType, sizeBytes = a.SizeBytes }),
            unit.Transaction);

    /// <summary>The attachments of the entries from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, by seq, in order.</summary>
    public static async Task<Dictionary<long, List<JournalAttachment>>> ReadAsync(DbConnection connection, long incidentId, long fromSeq, long toSeq, DbTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<AttachmentRow>(
            $"SELECT {AttachmentRow.Columns} FROM journal_attachments WHERE incident_id = @incidentId AND seq BETWEEN @fromSeq AND @toSeq ORDER BY seq, position",
            new { incidentId, fromSeq, toSeq }, transaction).ConfigureAwait(false);
        return BySeq(rows);
    }

    /// <summary>Attachment rows, read in seq and position order, grouped by seq.</summary>
    public static Dictionary<long, List<JournalAttachment>> BySeq(IEnumerable<AttachmentRow> rows)
    {
        var bySeq = new Dictionary<long, List<JournalAttachment>>();
        foreach (var row in rows)
        {
            (bySeq.TryGetValue(row.Seq, out var list) ? list : bySeq[row.Seq] = []).Add(row.ToAttachment());
        }

        return bySeq;
    }

    /// <summary>The entries, each with its files from <paramref name="bySeq"/> (the list is changed in place).</summary>
    public static List<JournalEntry> Attach(List<JournalEntry> entries, Dictionary<long, List<JournalAttachment>> bySeq)
    {
        for (var i = 0; bySeq.Count > 0 && i < entries.Count; i++)
        {
            if (bySeq.TryGetValue(entries[i].Seq, out var list))
            {
                entries[i] = entries[i] with { Attachments = list };
            }
        }

        return entries;
    }

    /// <summary>The entries with their attachments (one query for the page, usually returning nothing).</summary>
    public static async Task<IReadOnlyList<JournalEntry>> WithAttachmentsAsync(DbConnection connection, long incidentId, List<JournalEntry> entries)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        long low = long.MaxValue, high = long.MinValue;
        foreach (var entry in entries)
        {
            low = Math.Min(low, entry.Seq);
            high = Math.Max(high, entry.Seq);
        }

        return Attach(entries, await ReadAsync(connection, incidentId, low, high).ConfigureAwait(false));
    }

    private sealed class StoredRow
    {
        public string Sha256 { get; set; } = "";
        public long SizeBytes { get; set; }
        public string ContentType { get; set; } = "";
    }
}
