using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Backups;

/// <summary>
/// Copies of the command post's database and their way back. SQLite: the online backup API (a complete database file,
/// consistent while the server writes), checked by opening it, <c>PRAGMA quick_check</c> and every journal chain.
/// PostgreSQL: <c>pg_dump</c> in custom format (it must be on PATH, same major version as the server), checked with
/// <c>pg_restore --list</c> (the archive is whole and readable); its chains are verified when it is restored. Used by
/// `vigie backup`, `serve --backup-to` and `vigie restore`.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Writes a consistent copy of the SQLite database <paramref name="sourceFile"/> to <paramref name="target"/> (a new file).</summary>
    public static async Task CopySqliteAsync(string sourceFile, string target, CancellationToken cancellationToken)
    {
        File.Delete(target);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourceFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            await destination.OpenAsync(cancellationToken).ConfigureAwait(false);
            source.BackupDatabase(destination);
            // One self-contained file: no -wal beside it on the stick.
            await destination.ExecuteAsync("PRAGMA journal_mode=DELETE;").ConfigureAwait(false);
        }

        using var written = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        written.Flush(flushToDisk: true);
    }

    /// <summary>Opens a SQLite copy read-only and checks it: whole (quick_check), a Vigie database, every journal chain intact.</summary>
    public static async Task<BackupCheck> VerifySqliteAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return BackupCheck.Broken($"{file} does not exist");
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var check = await connection.ExecuteScalarAsync<string>("PRAGMA quick_check;").ConfigureAwait(false);
            if (check != "ok")
            {
                return BackupCheck.Broken($"{file} is damaged ({check})");
            }

            var tables = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('incidents', 'journal_entries', 'schema_migrations')").ConfigureAwait(false);
            // The copy's evidence files are beside it, as the database's are beside the database.
            var evidence = new FileEvidenceStore(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, FileEvidenceStore.FolderName));
            return tables == 3 ? await VerifyChainsAsync(connection, evidence, cancellationToken).ConfigureAwait(false) : BackupCheck.Broken($"{file} is not a Vigie database");
        }
        catch (SqliteException e)
        {
            return BackupCheck.Broken($"{file} cannot be read as a database ({e.Message})");
        }
    }

    /// <summary>Every incident's journal chain in <paramref name="database"/> (after a restore, or a live database).</summary>
    public static Task<BackupCheck> VerifyAsync(Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var evidence = EvidenceStore.For(database);
        return database.ReadAsync(connection => VerifyChainsAsync(connection, evidence, cancellationToken), cancellationToken);
    }

    private static async Task<BackupCheck> VerifyChainsAsync(DbConnection connection, EvidenceStore evidence, CancellationToken cancellationToken)
    {
        var ids = (await connection.QueryAsync<long>("SELECT id FROM incidents ORDER BY id").ConfigureAwait(false)).ToList();
        long entries = 0;
        foreach (var id in ids)
        {
            var verification = await JournalService.VerifyAsync(connection, id, evidence, cancellationToken).ConfigureAwait(false);
            if (verification is { Valid: false })
            {
                return BackupCheck.Broken($"the journal of incident {id} is broken at entry {verification.FirstBrokenSeq}: {verification.Reason}");
            }

            entries += verification?.Entries ?? 0;
        }

        return new BackupCheck(true, ids.Count, entries, null);
    }

    /// <summary>Copies a checked SQLite copy to <paramref name="targetFile"/> (which must not exist) and sets it in WAL mode, as the server runs it.</summary>
    public static async Task RestoreSqliteAsync(string copy, string targetFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(targetFile))!);
        var partial = targetFile + ".restoring";
        await CopySqliteAsync(copy, partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, targetFile);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetFile, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        // The evidence files kept beside the copy go back beside the database.
        await EvidenceBackup.CopyAsync(DatabaseSettings.Sqlite(copy), targetFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>pg_dump in custom format to <paramref name="target"/>; throws <see cref="BackupException"/> when pg_dump is missing or fails.</summary>
    public static async Task DumpPostgresAsync(DatabaseSettings settings, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        await RunAsync("pg_dump", settings, ["--format=custom", "--no-owner", $"--file={target}", .. Connection(b), $"--dbname={b.Database}"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>pg_restore --list: the archive is whole and readable (its table of contents lists the journal).</summary>
    public static async Task<BackupCheck> VerifyPostgresArchiveAsync(string file, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var listing = await RunAsync("pg_restore", settings, ["--list", file], cancellationToken).ConfigureAwait(false);
            return listing.Contains("TABLE DATA public journal_entries", StringComparison.Ordinal)
                ? new BackupCheck(true, 0, 0, null)
                : BackupCheck.Broken($"{file} holds no journal (not a Vigie database archive)");
        }
        catch (BackupException e)
        {
            return BackupCheck.Broken(e.Message);
        }
    }

    /// <summary>pg_restore into the database of <paramref name="target"/>; <paramref name="clean"/> drops what is there first.</summary>
    public static async Task RestorePostgresAsync(string dump, DatabaseSettings target, bool clean, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var b = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        string[] options = clean ? ["--clean", "--if-exists"] : [];
        await RunAsync("pg_restore", target, ["--no-owner", "--exit-on-error", "--single-transaction", .. options, .. Connection(b), $"--dbname={b.Database}", dump], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="tool"/> (pg_dump, pg_restore) can be started from PATH.</summary>
    public static bool IsOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string[] Connection(NpgsqlConnectionStringBuilder b) => [$"--host={b.Host}", $"--port={b.Port}", $"--username={b.Username}"];

    private static async Task<string> RunAsync(string tool, DatabaseSettings settings, string[] args, CancellationToken cancellationToken)
    {
        var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (!string.IsNullOrEmpty(b.Password))
        {
            start.Environment["PGPASSWORD"] = b.Password;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} was not found on PATH; install postgresql-client (the same major version as the server)");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed: {errors.ReplaceLineEndings(" ").Trim()}");
            }

            return await output.ConfigureAwait(false);
        }
    }
}
