using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// Evidence files for the journal: store an upload (size limit, type read from the bytes, SHA-256), find an entry's
/// attachment, read its bytes, and sweep what no entry refers to. Attaching is the journal's: an entry names the
/// stored files it carries (<see cref="NewJournalEntry.Attachments"/>) and its hash then covers them.
/// </summary>
public sealed class EvidenceService(Database database, EvidenceStore store, EvidenceLimits limits, AuditLog audit, TimeProvider time)
{
    /// <summary>How long content no entry refers to is kept (an entry being typed may still take it).</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromHours(24);

    public long MaxBytes => limits.MaxBytes;

    /// <summary>
    /// Stores <paramref name="content"/> as evidence: refused when empty, larger than the limit or of a type Vigie does
    /// not accept; otherwise durable (flushed to disk, or committed to the database) when this returns, and audited.
    /// Storing the same bytes again stores nothing new.
    /// </summary>
    public async Task<EvidenceUpload> StoreAsync(Stream content, string field, string? fileName, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (staged, refused) = await store.StageAsync(content, field, fileName, limits.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return EvidenceUpload.Refuse(refused);
        }

        using (staged)
        {
            await database.WriteAsync(async unit =>
            {
                await store.SaveAsync(unit, staged!, Time.ToMicros(time.GetUtcNow())).ConfigureAwait(false);
                await audit.WriteAsync(unit, actor, "evidence.store", $"evidence:{staged!.Sha256}", $"{staged.ContentType}, {staged.SizeBytes} bytes").ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return EvidenceUpload.Ok(staged!.Stored);
        }
    }

    /// <summary>The attachment of entry <paramref name="seq"/> with this hash, or null when the entry carries no such file.</summary>
    public Task<JournalAttachment?> FindAsync(long incidentId, long seq, string sha256, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => (await c.QueryFirstOrDefaultAsync<AttachmentRow>(
            $"SELECT {AttachmentRow.Columns} FROM journal_attachments WHERE incident_id = @incidentId AND seq = @seq AND sha256 = @sha256 ORDER BY position",
            new { incidentId, seq, sha256 }).ConfigureAwait(false))?.ToAttachment(), cancellationToken);

    /// <summary>Every file attached to the incident's journal, in seq order (the RETEX lists them with their hashes).</summary>
    public Task<IReadOnlyList<AttachedFile>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<AttachedFile>>(async c =>
        {
            var times = (await c.QueryAsync<(long Seq, long OccurredAtUs)>(
                "SELECT e.seq, e.occurred_at_us FROM journal_entries e WHERE e.incident_id = @incidentId " +
                "AND EXISTS (SELECT 1 FROM journal_attachments a WHERE a.incident_id = e.incident_id AND a.seq = e.seq)",
                new { incidentId }).ConfigureAwait(false)).ToDictionary(r => r.Seq, r => r.OccurredAtUs);
            if (times.Count == 0)
            {
                return [];
            }

            var files = await JournalAttachments.ReadAsync(c, incidentId, times.Keys.Min(), times.Keys.Max()).ConfigureAwait(false);
            return files.OrderBy(f => f.Key)
                .SelectMany(f => f.Value.Select(file => new AttachedFile(f.Key, Time.FromMicros(times[f.Key]), file)))
                .ToList();
        }, cancellationToken);

    /// <summary>The bytes of a stored file, or null when they are not there.</summary>
    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default) => store.OpenAsync(sha256, cancellationToken);

    /// <summary>Removes stored content that no entry refers to and that was last stored more than <paramref name="grace"/> ago.</summary>
    public Task<int> SweepAsync(TimeSpan grace, CancellationToken cancellationToken = default) =>
        database.WriteAsync(unit => store.SweepAsync(unit, Time.ToMicros(time.GetUtcNow() - grace)), cancellationToken);
}
