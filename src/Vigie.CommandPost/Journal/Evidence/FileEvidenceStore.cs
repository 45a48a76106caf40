using Dapper;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// SQLite's evidence: one file per content in <c>evidence/ab/abcdef…</c> beside the database file (the first two hex
/// digits fan the folder out), a row in <c>evidence_files</c> for each. An upload is written to <c>evidence/tmp</c>,
/// flushed, then renamed into place and the folder flushed, in the upload's transaction (which holds SQLite's write
/// lock, as the sweep does, so a sweep never removes a file an upload has just put back).
/// </summary>
internal sealed class FileEvidenceStore(string folder) : EvidenceStore
{
    public const string FolderName = "evidence";
    private const string TempName = "tmp";

    public string Folder { get; } = folder;

    private protected override string StagingFolder => Path.Combine(Folder, TempName);

    public string PathOf(string sha256) => Path.Combine(Folder, sha256[..2], sha256);

    internal override async Task SaveAsync(UnitOfWork unit, StagedEvidence staged, long nowUs)
    {
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO evidence_files (sha256, size_bytes, content_type, stored_at_us) VALUES (@sha, @size, @type, @now)
            ON CONFLICT (sha256) DO UPDATE SET stored_at_us = excluded.stored_at_us
            """,
            new { sha = staged.Sha256, size = staged.SizeBytes, type = staged.ContentType, now = nowUs }, unit.Transaction).ConfigureAwait(false);
        var target = PathOf(staged.Sha256);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        // Same bytes (same hash) or a damaged copy being repaired: replacing is right either way, and atomic.
        File.Move(staged.Path, target, overwrite: true);
        DirectorySync.Flush(directory);
        DirectorySync.Flush(Folder);
    }

    internal override bool IsPresent(string sha256) => File.Exists(PathOf(sha256));

    public override Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (!EvidenceHash.IsValid(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public override async Task<EvidenceState> CheckAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(sha256, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return EvidenceState.Missing;
        }

        return await HashAsync(stream, cancellationToken).ConfigureAwait(false) == sha256 ? EvidenceState.Intact : EvidenceState.Altered;
    }

    internal override async Task<int> SweepAsync(UnitOfWork unit, long cutoffUs)
    {
        var removed = (await unit.Connection.QueryAsync<string>(
            """
            DELETE FROM evidence_files
            WHERE stored_at_us < @cutoffUs AND NOT EXISTS (SELECT 1 FROM journal_attachments a WHERE a.sha256 = evidence_files.sha256)
            RETURNING sha256
            """, new { cutoffUs }, unit.Transaction).ConfigureAwait(false)).ToList();
        var count = 0;
        foreach (var sha in removed)
        {
            if (TryDelete(PathOf(sha)))
            {
                count++;
            }
        }

        if (!Directory.Exists(Folder))
        {
            return count;
        }

        // Files with no row (an upload whose transaction did not commit) and temporary files of interrupted uploads.
        var known = (await unit.Connection.QueryAsync<string>("SELECT sha256 FROM evidence_files", transaction: unit.Transaction).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var cutoff = Common.Time.FromMicros(cutoffUs).UtcDateTime;
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            var stray = Path.GetFileName(Path.GetDirectoryName(file)) == TempName || (EvidenceHash.IsValid(name) && !known.Contains(name));
            if (stray && File.GetLastWriteTimeUtc(file) < cutoff && TryDelete(file))
            {
                count++;
            }
        }

        return count;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
