using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace Vigie.CommandPost.Storage;

/// <summary>
/// Applies the versioned SQL scripts embedded as <c>migrations/{sqlite|postgres}/NNNN_name.sql</c>, in version
/// order, each in its own transaction with its row in <c>schema_migrations</c>. Concurrent starts are safe:
/// SQLite takes the write lock (BEGIN IMMEDIATE), PostgreSQL an advisory transaction lock.
/// Version ranges per feature keep names from colliding (see docs/command-post.md).
/// </summary>
internal static class Migrator
{
    private const long AdvisoryLockKey = 0x5669676965; // "Vigie"

    public static IReadOnlyList<Migration> Scripts(DatabaseKind kind)
    {
        var dialect = kind == DatabaseKind.Sqlite ? "sqlite" : "postgres";
        var prefix = $"migrations/{dialect}/";
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[prefix.Length..^4];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql.");
            }

            scripts.Add(new Migration(version, file, Read(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {scripts[i].Version}: {scripts[i - 1].Name}, {scripts[i].Name}.");
            }
        }

        return scripts;
    }

    public static async Task<IReadOnlyList<string>> ApplyAsync(Database database, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        foreach (var migration in Scripts(database.Kind))
        {
            var done = await database.WriteAsync(async unit =>
            {
                await EnsureTableAsync(unit).ConfigureAwait(false);
                if (unit.Kind == DatabaseKind.PostgreSql)
                {
                    await unit.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, unit.Transaction).ConfigureAwait(false);
                }

                var exists = await unit.Connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version = migration.Version }, unit.Transaction).ConfigureAwait(false);
                if (exists > 0)
                {
                    return false;
                }

                await using (var command = unit.Connection.CreateCommand())
                {
                    command.Transaction = unit.Transaction;
                    command.CommandText = migration.Sql;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await unit.Connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at_us) VALUES (@version, @name, @at)",
                    new { version = migration.Version, name = migration.Name, at = Common.Time.ToMicros(DateTimeOffset.UtcNow) },
                    unit.Transaction).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                applied.Add(migration.Name);
            }
        }

        return applied;
    }

    private static async Task EnsureTableAsync(UnitOfWork unit)
    {
        if (unit.Kind == DatabaseKind.PostgreSql)
        {
            // Serialises concurrent first starts before the table exists.
            await unit.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, unit.Transaction).ConfigureAwait(false);
        }

        await unit.Connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_us BIGINT NOT NULL)",
            transaction: unit.Transaction).ConfigureAwait(false);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal sealed record Migration(int Version, string Name, string Sql);

    internal static Task<long> CountAsync(DbConnection connection) =>
        connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
}
