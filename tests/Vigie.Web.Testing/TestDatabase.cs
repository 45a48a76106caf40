using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.Testing;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Testing;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL test server (skipped outside CI when there is none). Disposing removes it.
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

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, string? postgresServer = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (kind == DatabaseKind.Sqlite)
        {
            return new TestDatabase(DatabaseSettings.Sqlite(Path.Combine(folder, "vigie.db")), folder, null, null);
        }

        var admin = postgresServer ?? TestEnvironment.PostgresConnectionString();
        var name = "vigie_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var settings = new DatabaseSettings(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
        return new TestDatabase(settings, folder, admin, name);
    }

    /// <summary>A SQLite database in <paramref name="folder"/> (a small disk, a mount the test made); disposing empties the folder.</summary>
    public static TestDatabase SqliteIn(string folder) =>
        new(DatabaseSettings.Sqlite(Path.Combine(folder, "vigie.db")), folder, null, null);

    /// <summary>A database already migrated.</summary>
    public static async Task<(TestDatabase Test, Database Database)> CreateMigratedAsync(DatabaseKind kind)
    {
        var test = await CreateAsync(kind);
        var database = new Database(test.Settings);
        await database.MigrateAsync();
        return (test, database);
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
