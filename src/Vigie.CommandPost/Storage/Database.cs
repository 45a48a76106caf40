using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Storage;

/// <summary>
/// The command post's database, SQLite or PostgreSQL. Reads run in parallel; writes run in a
/// <see cref="UnitOfWork"/>: on SQLite one writer at a time (BEGIN IMMEDIATE, WAL, synchronous=FULL), on PostgreSQL
/// READ COMMITTED transactions that lock what they change (the journal locks the incident row).
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlite = "";
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public Database(DatabaseSettings settings, ChangeFeed? feed = null)
    {
        Settings = settings;
        Feed = feed ?? new ChangeFeed();
        if (settings.Kind == DatabaseKind.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
            if (!settings.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                builder.Timeout = 5;
            }

            _postgres = NpgsqlDataSource.Create(builder.ToString());
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(settings.ConnectionString) { ForeignKeys = true };
            _sqlite = builder.ToString();
        }
    }

    public DatabaseSettings Settings { get; }

    public DatabaseKind Kind => Settings.Kind;

    public ChangeFeed Feed { get; }

    /// <summary>Creates the SQLite folder, sets WAL, and applies the migrations not applied yet.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Kind == DatabaseKind.Sqlite && Settings.SqliteFile is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var connection = new SqliteConnection(_sqlite);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await Migrator.ApplyAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection for reading (the caller disposes it).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (_postgres is not null)
            {
                return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }

            var connection = new SqliteConnection(_sqlite);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and commits it, or rolls everything back when it
    /// throws or returns a <see cref="Result{T}"/> that is a problem: what the work wrote before it found the problem
    /// is undone, and no live notice goes out.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<UnitOfWork, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var sqlite = Kind == DatabaseKind.Sqlite;
        if (sqlite)
        {
            await _sqliteWriter.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        UnitOfWork unit;
        T result;
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (sqlite)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous=FULL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var transaction = sqlite
                ? ((SqliteConnection)connection).BeginTransaction(deferred: false) // BEGIN IMMEDIATE
                : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            unit = new UnitOfWork(connection, transaction, Kind);
            result = await work(unit).ConfigureAwait(false);
            if (result is IResult { Problem: not null })
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
        finally
        {
            if (sqlite)
            {
                _sqliteWriter.Release();
            }
        }

        Feed.Raise(unit.Changes);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        _sqliteWriter.Dispose();
    }

    /// <summary>Whether an exception means "the database is not there right now" rather than a bug.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        DatabaseUnavailableException => true,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) ||
                                pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // busy, locked, I/O, full, cannot open
        _ => false,
    };

    private DatabaseUnavailableException Unavailable(Exception e) => e as DatabaseUnavailableException ??
        new DatabaseUnavailableException($"The database ({Settings.Describe()}) is not available: {e.Message}", e);
}
