using System.CommandLine;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Backup;

/// <summary>
/// <c>vigie restore FROM [--to DATABASE] [--force]</c>: starts the command post again from a copy (`serve --backup-to`
/// or `vigie backup`). FROM is a copy, or a backup folder (its newest copy that verifies). The copy is verified first
/// (whole, every journal chain intact); a target that already holds a database is refused unless --force, and then its
/// files are kept aside, never deleted. The restored database is verified again.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var from = new Argument<string>("FROM") { Description = "A copy (vigie-backup-*.db for SQLite, *.dump for PostgreSQL), or the backup folder (its newest copy that verifies)." };
        var to = new Option<string?>("--to")
        {
            Description = "Where to restore: a SQLite file or an Npgsql connection string to an existing, empty PostgreSQL database. " +
                          $"Default: ${DatabaseSettings.EnvironmentVariable}, else ./{DatabaseSettings.DefaultDataFolder}/{DatabaseSettings.DefaultFileName}.",
        };
        var force = new Option<bool>("--force") { Description = "Restore over a database that holds data (SQLite: its files are renamed *.before-restore-TIME, not deleted; PostgreSQL: its tables are dropped)." };
        var command = new Command("restore", "Start again from a verified copy: stop the server, restore, start the server. Refuses a copy whose journal does not verify.")
        {
            from, to, force,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var target = CommonOptions.Resolve(result.GetValue(to));
            var source = Path.GetFullPath(result.GetValue(from)!);
            return target.Kind == DatabaseKind.Sqlite
                ? await RestoreSqliteAsync(source, target, result.GetValue(force), cancellationToken)
                : await RestorePostgresAsync(source, target, result.GetValue(force), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RestoreSqliteAsync(string source, DatabaseSettings target, bool force, CancellationToken cancellationToken)
    {
        var (copy, check) = await PickAsync(source, ".db", f => DatabaseBackup.VerifySqliteAsync(f, cancellationToken));
        if (copy is null)
        {
            return 1;
        }

        var file = target.SqliteFile!;
        var existing = new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            await Console.Error.WriteLineAsync($"vigie: {file} already holds a database: restore into an empty place (--to), or pass --force to set the current files aside (renamed, not deleted). Stop the server first.");
            return 1;
        }

        DataFolderCheck.Check(Path.GetDirectoryName(file)!);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var old in existing)
        {
            File.Move(old, $"{old}.before-restore-{stamp}");
        }

        SqliteConnection.ClearAllPools();
        await DatabaseBackup.RestoreSqliteAsync(copy, file, cancellationToken);
        var restored = await DatabaseBackup.VerifySqliteAsync(file, cancellationToken);
        if (!restored.Ok)
        {
            await Console.Error.WriteLineAsync($"vigie: the restored database does not verify: {restored.Problem}");
            return 1;
        }

        var aside = existing.Count > 0 ? $"; the previous files were kept as *.before-restore-{stamp}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restored {copy} into {file}: {restored.Incidents} incident(s), {restored.Entries} journal entries, every chain intact{aside}"));
        return 0;
    }

    private static async Task<int> RestorePostgresAsync(string source, DatabaseSettings target, bool force, CancellationToken cancellationToken)
    {
        if (source.EndsWith(".db", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("vigie: this is a SQLite copy; it restores into a SQLite file (--to FILE), not into PostgreSQL.");
            return 1;
        }

        var (dump, _) = await PickAsync(source, ".dump", f => DatabaseBackup.VerifyPostgresArchiveAsync(f, target, cancellationToken));
        if (dump is null)
        {
            return 1;
        }

        await using (var database = new Database(target))
        {
            var tables = await database.ReadAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"), cancellationToken);
            if (tables > 0 && !force)
            {
                await Console.Error.WriteLineAsync($"vigie: {target.Describe()} already holds tables: restore into an empty database, or pass --force to drop them.");
                return 1;
            }
        }

        await DatabaseBackup.RestorePostgresAsync(dump, target, clean: force, cancellationToken);
        await using (var database = new Database(target))
        {
            var restored = await DatabaseBackup.VerifyAsync(database, cancellationToken);
            if (!restored.Ok)
            {
                await Console.Error.WriteLineAsync($"vigie: the restored database does not verify: {restored.Problem}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restored {dump} into {target.Describe()}: {restored.Incidents} incident(s), {restored.Entries} journal entries, every chain intact"));
        }

        return 0;
    }

    /// <summary>The copy to restore: FROM itself (which must verify), or the newest copy of the folder FROM that verifies.</summary>
    private static async Task<(string? Copy, BackupCheck? Check)> PickAsync(string source, string extension, Func<string, Task<BackupCheck>> verify)
    {
        if (File.Exists(source))
        {
            var check = await verify(source);
            if (!check.Ok)
            {
                await Console.Error.WriteLineAsync($"vigie: {source} cannot be restored: {check.Problem}");
                return (null, null);
            }

            return (source, check);
        }

        if (!Directory.Exists(source))
        {
            await Console.Error.WriteLineAsync($"vigie: {source}: no such copy or folder");
            return (null, null);
        }

        foreach (var candidate in BackupService.Copies(source).Where(c => c.EndsWith(extension, StringComparison.Ordinal)))
        {
            var check = await verify(candidate);
            if (check.Ok)
            {
                return (candidate, check);
            }

            await Console.Error.WriteLineAsync($"vigie: skipped {candidate}: {check.Problem}");
        }

        await Console.Error.WriteLineAsync($"vigie: no copy in {source} verifies ({BackupService.Prefix}*{extension})");
        return (null, null);
    }
}
