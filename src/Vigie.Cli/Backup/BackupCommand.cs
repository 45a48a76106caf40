using System.CommandLine;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Backup;

/// <summary>
/// <c>vigie backup --out FILE</c>: a consistent copy while the server runs (<see cref="DatabaseBackup"/>). SQLite: the
/// online backup API (a complete database file). PostgreSQL: pg_dump in custom format. Restore either with vigie restore.
/// A SQLite copy gets the journal's evidence files in the folder <c>evidence</c> beside it (<see cref="EvidenceBackup"/>);
/// PostgreSQL keeps evidence in the database.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The backup file to write (refused if it exists, unless --force).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var database = CommonOptions.Database();
        var command = new Command("backup", "Write a consistent online copy of the database (SQLite: a database file; PostgreSQL: a pg_dump custom-format archive).")
        {
            output, force, database,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var settings = CommonOptions.Resolve(result.GetValue(database));
            var target = Path.GetFullPath(result.GetValue(output)!);
            if (File.Exists(target) && !result.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"vigie: {target} exists (use --force to overwrite)");
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            if (settings.Kind == DatabaseKind.Sqlite)
            {
                if (!File.Exists(settings.SqliteFile))
                {
                    await Console.Error.WriteLineAsync($"vigie: no database at {settings.SqliteFile}");
                    return 1;
                }

                await DatabaseBackup.CopySqliteAsync(settings.SqliteFile!, partial, cancellationToken);
            }
            else
            {
                await DatabaseBackup.DumpPostgresAsync(settings, partial, cancellationToken);
            }

            File.Move(partial, target, overwrite: true);
            Console.WriteLine($"backup of {settings.Describe()} written to {target} ({new FileInfo(target).Length} bytes)");
            var (copied, kept) = await EvidenceBackup.CopyAsync(settings, target, cancellationToken);
            if (copied + kept > 0)
            {
                Console.WriteLine($"evidence files in {Path.Combine(Path.GetDirectoryName(target)!, "evidence")}: {copied} copied, {kept} already there");
            }
            return 0;
        }));
        return command;
    }
}
