using System.CommandLine;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Backup;

/// <summary>
/// <c>vigie backup --out FILE</c>: a consistent copy while the server runs. SQLite: the online backup API (a
/// complete database file), and the journal's evidence files into the folder <c>evidence</c> beside it
/// (<see cref="EvidenceBackup"/>). PostgreSQL: pg_dump in custom format (restore with pg_restore); evidence is in the database.
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
            if (settings.Kind == DatabaseKind.Sqlite)
            {
                if (!File.Exists(settings.SqliteFile))
                {
                    await Console.Error.WriteLineAsync($"vigie: no database at {settings.SqliteFile}");
                    return 1;
                }

                await BackupSqliteAsync(settings, target, cancellationToken);
                var (copied, kept) = await EvidenceBackup.CopyAsync(settings, target, cancellationToken);
                if (copied + kept > 0)
                {
                    Console.WriteLine($"evidence files in {Path.Combine(Path.GetDirectoryName(target)!, "evidence")}: {copied} copied, {kept} already there");
                }
            }
            else
            {
                var code = await BackupPostgresAsync(settings, target, cancellationToken);
                if (code != 0)
                {
                    return code;
                }
            }

            Console.WriteLine($"backup of {settings.Describe()} written to {target} ({new FileInfo(target).Length} bytes)");
            return 0;
        }));
        return command;
    }

    private static async Task BackupSqliteAsync(DatabaseSettings settings, string target, CancellationToken cancellationToken)
    {
        var temporary = target + ".partial";
        File.Delete(temporary);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            await using var command = destination.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        File.Move(temporary, target, overwrite: true);
    }

    private static async Task<int> BackupPostgresAsync(DatabaseSettings settings, string target, CancellationToken cancellationToken)
    {
        var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var start = new ProcessStartInfo("pg_dump") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--format=custom", "--no-owner", $"--file={target}", $"--host={b.Host}", $"--port={b.Port}", $"--username={b.Username}", $"--dbname={b.Database}" })
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
            await Console.Error.WriteLineAsync("vigie: pg_dump was not found; install postgresql-client (same major version as the server)");
            return 1;
        }

        using (process)
        {
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"vigie: pg_dump failed: {errors.Trim()}");
                return 1;
            }
        }

        return 0;
    }
}
