using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.CommandPost.Storage;
using Vigie.Testing;

namespace Vigie.Web.Testing;

/// <summary>
/// A fresh database for one test: a SQLite file in a temporary folder, or a new database on the PostgreSQL test
/// server (skipped outside CI when there is none). Disposing removes it. A migrated one is a copy of a template
/// migrated once per test process (SQLite: a file copy) or once per server and migration set (PostgreSQL:
/// <c>CREATE DATABASE ... TEMPLATE</c>, made under an advisory lock so parallel test assemblies do not race).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? folder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>A folder for files beside the database (data directory of a test server).</summary>
    public string Folder => _folder ?? throw new InvalidOperationException();

    private static readonly SemaphoreSlim s_templateGate = new(1, 1);
    private static string? s_sqliteTemplate;
    private static readonly HashSet<string> s_postgresTemplates = [];

    /// <summary>An empty database, or (<paramref name="migrated"/>) one with every migration applied, cloned from a template.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, string? postgresServer = null, bool migrated = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (kind == DatabaseKind.Sqlite)
        {
            var file = Path.Combine(folder, "vigie.db");
            if (migrated)
            {
                File.Copy(await SqliteTemplateAsync(), file);
            }

            return new TestDatabase(DatabaseSettings.Sqlite(file), folder, null, null);
        }

        var admin = postgresServer ?? TestEnvironment.PostgresConnectionString();
        var name = "vigie_t_" + Guid.NewGuid().ToString("N")[..16];
        var template = migrated ? await PostgresTemplateAsync(admin) : null;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var settings = new DatabaseSettings(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
        return new TestDatabase(settings, folder, admin, name);
    }

    /// <summary>A database already migrated (a copy of the template).</summary>
    public static async Task<(TestDatabase Test, Database Database)> CreateMigratedAsync(DatabaseKind kind)
    {
        var test = await CreateAsync(kind, migrated: true);
        var database = new Database(test.Settings);
        await database.MigrateAsync(); // nothing left to apply: checks the template is current
        return (test, database);
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await s_templateGate.WaitAsync();
        try
        {
            if (s_sqliteTemplate is null)
            {
                var folder = Path.Combine(Path.GetTempPath(), "vigie-template-" + Guid.NewGuid().ToString("N")[..12]);
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, "vigie.db");
                await using (var database = new Database(DatabaseSettings.Sqlite(file)))
                {
                    await database.MigrateAsync();
                    await using var connection = await database.OpenAsync();
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await checkpoint.ExecuteNonQueryAsync();
                }

                SqliteConnection.ClearAllPools();
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    try
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                    catch (IOException)
                    {
                        // the OS temp cleaner will get it
                    }
                };
                s_sqliteTemplate = file;
            }

            return s_sqliteTemplate;
        }
        finally
        {
            s_templateGate.Release();
        }
    }

    /// <summary>vigie_template_HASH on this server, HASH naming the migration scripts, so a template is never stale.</summary>
    private static async Task<string> PostgresTemplateAsync(string admin)
    {
        var name = "vigie_template_" + MigrationsHash();
        await s_templateGate.WaitAsync();
        try
        {
            if (s_postgresTemplates.Contains(admin + "|" + name))
            {
                return name;
            }

            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('vigie_template'))", connection))
            {
                await lockCommand.ExecuteNonQueryAsync();
            }

            await using (var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection))
            {
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    // Migrated under a temporary name, renamed once complete: a crash never leaves a half template.
                    var building = name + "_" + Guid.NewGuid().ToString("N")[..8];
                    await using (var create = new NpgsqlCommand($"CREATE DATABASE {building}", connection))
                    {
                        await create.ExecuteNonQueryAsync();
                    }

                    await using (var database = new Database(new DatabaseSettings(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(admin) { Database = building }.ToString())))
                    {
                        await database.MigrateAsync();
                    }

                    NpgsqlConnection.ClearAllPools();
                    await using var rename = new NpgsqlCommand($"ALTER DATABASE {building} RENAME TO {name}", connection);
                    await rename.ExecuteNonQueryAsync();
                }
            }

            await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('vigie_template'))", connection))
            {
                await unlock.ExecuteNonQueryAsync();
            }

            s_postgresTemplates.Add(admin + "|" + name);
            return name;
        }
        finally
        {
            s_templateGate.Release();
        }
    }

    private static string MigrationsHash()
    {
        var assembly = typeof(Database).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/postgres/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(resource));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            hash.AppendData(memory.ToArray());
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // a server process may still hold a file for a moment; the OS temp cleaner will get it
            }
        }
    }
}
