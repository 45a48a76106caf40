using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Backups;

/// <summary>
/// `serve --backup-to DIR`: makes a copy of the live database in the folder (<see cref="DatabaseBackup"/>), checks it,
/// keeps the <see cref="BackupOptions.Keep"/> newest and deletes older ones only once a newer one is good, and keeps the
/// status the overview shows (the last good copy, the last failure). One copy at a time. A copy is written as
/// <c>….partial</c> and gets its name only once checked, so a file named <c>vigie-backup-*.db</c> (or <c>.dump</c>) is
/// always a complete copy.
/// </summary>
public sealed class BackupService
{
    public const string Prefix = "vigie-backup-";

    private readonly Database _database;
    private readonly BackupOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private BackupStatus _status;

    public BackupService(Database database, BackupOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options with { Folder = Path.GetFullPath(options.Folder) };
        _time = time;
        _status = new BackupStatus(_options.Folder, _options.Every, null, null, null);
    }

    public BackupOptions Options => _options;

    public BackupStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>The extension of this database's copies: .db (SQLite) or .dump (PostgreSQL, pg_dump custom format).</summary>
    public static string Extension(DatabaseKind kind) => kind == DatabaseKind.Sqlite ? ".db" : ".dump";

    /// <summary>The copies in <paramref name="folder"/>, newest first (by the time in their names).</summary>
    public static IReadOnlyList<string> Copies(string folder, DatabaseKind? kind = null)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, Prefix + "*")
            .Where(f => kind is null ? f.EndsWith(".db", StringComparison.Ordinal) || f.EndsWith(".dump", StringComparison.Ordinal) : f.EndsWith(Extension(kind.Value), StringComparison.Ordinal))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Checks that copies can be made here before the server starts: the folder can be written, and for PostgreSQL
    /// pg_dump and pg_restore are on PATH. Throws <see cref="BackupException"/> with what is wrong.
    /// </summary>
    public void CheckReady()
    {
        if (_database.Kind == DatabaseKind.PostgreSql && (!DatabaseBackup.IsOnPath("pg_dump") || !DatabaseBackup.IsOnPath("pg_restore")))
        {
            throw new BackupException("--backup-to with PostgreSQL makes its copies with pg_dump (checked with pg_restore), and they are not on PATH: install postgresql-client (the same major version as the server)");
        }

        try
        {
            DataFolderCheck.Check(_options.Folder);
        }
        catch (DatabaseUnavailableException e)
        {
            throw new BackupException($"the backup folder cannot be used: {e.Message}", e);
        }

        foreach (var stale in Directory.EnumerateFiles(_options.Folder, Prefix + "*.partial"))
        {
            File.Delete(stale); // a copy interrupted by a crash
        }
    }

    /// <summary>
    /// Makes one copy (<paramref name="reason"/>: start, periodic, phase), checks it, rotates, and records the status.
    /// Never throws for a failed copy: the status and the returned copy say what went wrong.
    /// </summary>
    public async Task<BackupCopy> CopyAsync(string reason, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var madeAt = _time.GetUtcNow();
            var path = Path.Combine(_options.Folder,
                Prefix + madeAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + reason + Extension(_database.Kind));
            var partial = path + ".partial";
            BackupCheck check;
            try
            {
                Directory.CreateDirectory(_options.Folder);
                if (_database.Kind == DatabaseKind.Sqlite)
                {
                    await DatabaseBackup.CopySqliteAsync(_database.Settings.SqliteFile!, partial, cancellationToken).ConfigureAwait(false);
                    // The files the journal proves, once each into the folder's evidence/ (named by hash, shared by the copies).
                    await EvidenceBackup.CopyAsync(_database.Settings, partial, cancellationToken).ConfigureAwait(false);
                    check = await DatabaseBackup.VerifySqliteAsync(partial, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var live = await DatabaseBackup.VerifyAsync(_database, cancellationToken).ConfigureAwait(false);
                    await DatabaseBackup.DumpPostgresAsync(_database.Settings, partial, cancellationToken).ConfigureAwait(false);
                    var archive = await DatabaseBackup.VerifyPostgresArchiveAsync(partial, _database.Settings, cancellationToken).ConfigureAwait(false);
                    check = !archive.Ok ? archive : live;
                }

                if (!check.Ok)
                {
                    File.Delete(partial);
                    return Failed(madeAt, reason, path, $"the copy does not verify: {check.Problem}");
                }

                File.Move(partial, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException or SqliteException or DatabaseUnavailableException)
            {
                TryDelete(partial);
                var message = e is IOException io && DataFolderCheck.IsDiskFull(io) ? $"the backup folder {_options.Folder} is full" : e.Message;
                return Failed(madeAt, reason, path, message);
            }

            var copy = new BackupCopy(path, madeAt, reason, check);
            lock (_lock)
            {
                _status = _status with { LastGood = copy, LastAttemptAt = madeAt, LastError = null };
            }

            Rotate();
            return copy;
        }
        finally
        {
            _gate.Release();
        }
    }

    private BackupCopy Failed(DateTimeOffset madeAt, string reason, string path, string error)
    {
        lock (_lock)
        {
            _status = _status with { LastAttemptAt = madeAt, LastError = error };
        }

        return new BackupCopy(path, madeAt, reason, BackupCheck.Broken(error));
    }

    /// <summary>Keeps the newest copies; older ones go (only files named by this service, in its folder).</summary>
    private void Rotate()
    {
        foreach (var old in Copies(_options.Folder, _database.Kind).Skip(_options.Keep))
        {
            TryDelete(old);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
