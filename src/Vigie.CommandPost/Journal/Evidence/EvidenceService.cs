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

    /// <summary>The bytes of a stored file, or null when they are not there.</summary>
    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default) => store.OpenAsync(sha256, cancellationToken);

    /// <summary>Removes stored content that no entry refers to and that was last stored more than <paramref name="grace"/> ago.</summary>
    public Task<int> SweepAsync(TimeSpan grace, CancellationToken cancellationToken = default) =>
        database.WriteAsync(unit => store.SweepAsync(unit, Time.ToMicros(time.GetUtcNow() - grace)), cancellationToken);
}
