using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// The evidence half of a SQLite backup: the database file holds the journal, the folder <c>evidence</c> beside it holds
/// the files the journal proves. A copy of the database written to <c>DIR/name.db</c> gets its files in <c>DIR/evidence</c>,
/// the same layout, so verifying or serving the copy finds them. Files are named by their hash and never change: a file
/// already in the target with the right hash is kept (repeated backups to one folder copy only what is new); each copied
/// file is written to a temporary name, flushed, checked against its hash and renamed. PostgreSQL keeps evidence in the
/// database, so pg_dump carries it: nothing to do there.
/// </summary>
public static class EvidenceBackup
{
    /// <summary>Copies the evidence of <paramref name="source"/> beside <paramref name="targetDatabaseFile"/>; returns (copied, already there).</summary>
    public static async Task<(int Copied, int Kept)> CopyAsync(DatabaseSettings source, string targetDatabaseFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targetDatabaseFile);
        if (source.SqliteFile is not { } file)
        {
            return (0, 0);
        }

        var from = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, FileEvidenceStore.FolderName));
        var to = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetDatabaseFile))!, FileEvidenceStore.FolderName));
        if (!Directory.Exists(from) || string.Equals(from, to, StringComparison.Ordinal))
        {
            return (0, 0);
        }

        var sourceStore = new FileEvidenceStore(from);
        var target = new FileEvidenceStore(to);
        int copied = 0, kept = 0;
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var sha = Path.GetFileName(path);
            if (!EvidenceHash.IsValid(sha) || Path.GetFileName(Path.GetDirectoryName(path)) != sha[..2])
            {
                continue; // temporary files of uploads in progress
            }

            if (await target.CheckAsync(sha, cancellationToken).ConfigureAwait(false) == EvidenceState.Intact)
            {
                kept++;
                continue;
            }

            var destination = target.PathOf(sha);
            var directory = Path.GetDirectoryName(destination)!;
            Directory.CreateDirectory(directory);
            var temporary = destination + ".part";
            await using (var input = await sourceStore.OpenAsync(sha, cancellationToken).ConfigureAwait(false))
            {
                if (input is null)
                {
                    continue; // swept meanwhile: no entry referred to it
                }

                await using var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, destination, overwrite: true);
            DirectorySync.Flush(directory);
            if (await target.CheckAsync(sha, cancellationToken).ConfigureAwait(false) != EvidenceState.Intact)
            {
                throw new IOException($"The copy of evidence file {sha} in {to} does not match its hash (the source file may be altered: run vigie journal verify).");
            }

            copied++;
        }

        DirectorySync.Flush(to);
        return (copied, kept);
    }
}
