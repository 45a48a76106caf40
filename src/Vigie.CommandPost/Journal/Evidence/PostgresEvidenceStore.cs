using Dapper;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// PostgreSQL's evidence: the bytes in <c>evidence_files.content</c> (stored out of line, uncompressed), written in the
/// upload's transaction before any entry refers to them. The foreign key from <c>journal_attachments</c> keeps the
/// sweep from ever removing content an entry refers to, whichever web node runs it.
/// </summary>
internal sealed class PostgresEvidenceStore(Database database) : EvidenceStore
{
    private protected override string StagingFolder => Path.Combine(Path.GetTempPath(), "vigie-evidence");

    internal override async Task SaveAsync(UnitOfWork unit, StagedEvidence staged, long nowUs)
    {
        var refreshed = await unit.Connection.ExecuteAsync("UPDATE evidence_files SET stored_at_us = @now WHERE sha256 = @sha",
            new { sha = staged.Sha256, now = nowUs }, unit.Transaction).ConfigureAwait(false);
        if (refreshed > 0)
        {
            return;
        }

        var content = await File.ReadAllBytesAsync(staged.Path).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO evidence_files (sha256, size_bytes, content_type, stored_at_us, content) VALUES (@sha, @size, @type, @now, @content)
            ON CONFLICT (sha256) DO UPDATE SET stored_at_us = excluded.stored_at_us
            """,
            new { sha = staged.Sha256, size = staged.SizeBytes, type = staged.ContentType, now = nowUs, content }, unit.Transaction).ConfigureAwait(false);
    }

    // The row is the content: the foreign key of journal_attachments checks it is there.
    internal override bool IsPresent(string sha256) => true;

    public override async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var content = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<byte[]?>(
            "SELECT content FROM evidence_files WHERE sha256 = @sha256", new { sha256 }), cancellationToken).ConfigureAwait(false);
        return content is null ? null : new MemoryStream(content, writable: false);
    }

    public override async Task<EvidenceState> CheckAsync(string sha256, CancellationToken cancellationToken = default)
    {
        // Hashed by the server: the bytes need not cross the network to be checked.
        var actual = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<string?>(
            "SELECT encode(sha256(content), 'hex') FROM evidence_files WHERE sha256 = @sha256", new { sha256 }), cancellationToken).ConfigureAwait(false);
        return actual is null ? EvidenceState.Missing : actual == sha256 ? EvidenceState.Intact : EvidenceState.Altered;
    }

    internal override async Task<int> SweepAsync(UnitOfWork unit, long cutoffUs)
    {
        var count = await unit.Connection.ExecuteAsync(
            """
            DELETE FROM evidence_files
            WHERE stored_at_us < @cutoffUs AND NOT EXISTS (SELECT 1 FROM journal_attachments a WHERE a.sha256 = evidence_files.sha256)
            """, new { cutoffUs }, unit.Transaction).ConfigureAwait(false);
        if (Directory.Exists(StagingFolder))
        {
            var cutoff = Common.Time.FromMicros(cutoffUs).UtcDateTime;
            foreach (var file in Directory.EnumerateFiles(StagingFolder, "*.part"))
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    try
                    {
                        File.Delete(file);
                    }
                    catch (IOException)
                    {
                        // another node's upload in progress on a shared temp folder, or already gone
                    }
                }
            }
        }

        return count;
    }
}
