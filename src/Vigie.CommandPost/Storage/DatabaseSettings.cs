using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigie.CommandPost.Storage;

/// <summary>Which database to use: SQLite (a file, the default) or PostgreSQL (an Npgsql connection string).</summary>
public sealed record DatabaseSettings(DatabaseKind Kind, string ConnectionString)
{
    public const string EnvironmentVariable = "VIGIE_DATABASE";
    public const string DefaultDataFolder = "vigie-data";
    public const string DefaultFileName = "vigie.db";

    /// <summary>
    /// Reads <c>--database</c> (or <c>VIGIE_DATABASE</c> when the option is absent): an Npgsql connection string
    /// (<c>Host=…</c>), a SQLite connection string (<c>Data Source=…</c>) or a path to a SQLite file. Nothing means
    /// <c>./vigie-data/vigie.db</c> under <paramref name="workingDirectory"/>.
    /// </summary>
    public static DatabaseSettings Resolve(string? option, string workingDirectory)
    {
        var value = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : option;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Sqlite(Path.Combine(workingDirectory, DefaultDataFolder, DefaultFileName));
        }

        value = value.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Use an Npgsql connection string (Host=...;Database=...;Username=...), not a URL.");
        }

        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase) ||
            value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            _ = new NpgsqlConnectionStringBuilder(value); // validates
            return new DatabaseSettings(DatabaseKind.PostgreSql, value);
        }

        if (value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new SqliteConnectionStringBuilder(value);
            return Sqlite(Path.GetFullPath(builder.DataSource, workingDirectory));
        }

        return Sqlite(Path.GetFullPath(value, workingDirectory));
    }

    public static DatabaseSettings Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DatabaseSettings(DatabaseKind.Sqlite, builder.ToString());
    }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqliteFile => Kind == DatabaseKind.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Where the data is, for people: the file, or host/port/database without the password.</summary>
    public string Describe()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            return $"SQLite {SqliteFile}";
        }

        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
