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

            // The same few statements run on every page and append: prepared once per pooled connection (Npgsql
            // keeps them across open/close), PostgreSQL stops parsing and planning them on every call.
            if (!settings.ConnectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            // A pooled connection is not reset when it goes back to the pool: Vigie leaves no session state behind (no
            // SET, LISTEN, temporary table or session-level advisory lock; its advisory locks are per transaction), and
            // the reset Npgsql sends otherwise (RESET ALL, CLOSE ALL, UNLISTEN, DISCARD...) was parsed and run at every
            // checkout: three per page and one per API call (perf, bench/run's territory case: about 3 % of the machine).
            if (!settings.ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            {
                builder.NoResetOnClose = true;
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

    /// <summary>
    /// A warning found at start-up that does not stop the command post (the disk is full: reading works), or null.
    /// Set by <see cref="MigrateAsync"/>.
    /// </summary>
    public string? StartupWarning { get; private set; }

    /// <summary>
    /// Checks the SQLite folder (<see cref="DataFolderCheck"/>: one line when it is a file, read-only...), sets WAL, and
    /// applies the migrations not applied yet. Storage failures come out as <see cref="DatabaseUnavailableException"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (Kind == DatabaseKind.Sqlite && Settings.SqliteFile is { } file)
            {
                StartupWarning = DataFolderCheck.Check(Path.GetDirectoryName(file)!, file);
                await using var connection = new SqliteConnection(_sqlite);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var applied = await Migrator.ApplyAsync(this, cancellationToken).ConfigureAwait(false);
            if (applied.Count > 0)
            {
                // Statements prepared before a migration may describe tables it changed: start from fresh connections.
                _postgres?.Clear();
            }

            return applied;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
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

    /// <summary>Whether an exception means "the database cannot do this right now" (a storage failure) rather than a bug.</summary>
    public static bool IsUnavailable(Exception e) => Classify(e) is not null;

    /// <summary>What kind of storage failure an exception is, or null when it is not one (a bug).</summary>
    public static StorageFailure? Classify(Exception e) => e switch
    {
        DatabaseUnavailableException d => d.Failure,
        PostgresException { SqlState: "53100" } => StorageFailure.DiskFull,          // disk_full
        PostgresException { SqlState: "25006" } => StorageFailure.ReadOnly,          // read_only_sql_transaction (a standby)
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) ||
                                pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" ? StorageFailure.Unreachable : null,
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException ? StorageFailure.Unreachable : null,
        SqliteException s => s.SqliteErrorCode switch
        {
            13 => StorageFailure.DiskFull,       // SQLITE_FULL
            8 => StorageFailure.ReadOnly,        // SQLITE_READONLY
            11 or 26 => StorageFailure.Damaged,  // SQLITE_CORRUPT, SQLITE_NOTADB
            5 or 6 or 10 or 14 => StorageFailure.Unreachable, // busy, locked, I/O, cannot open
            _ => null,
        },
        IOException io when DataFolderCheck.IsDiskFull(io) => StorageFailure.DiskFull,
        _ => null,
    };

    private DatabaseUnavailableException Unavailable(Exception e)
    {
        if (e is DatabaseUnavailableException known)
        {
            return known;
        }

        var failure = Classify(e) ?? StorageFailure.Unreachable;
        if (failure == StorageFailure.Unreachable && Settings.SqliteFile is { } file)
        {
            failure = Refine(file);
        }

        var where = Settings.Describe();
        return new DatabaseUnavailableException(failure, failure switch
        {
            StorageFailure.DiskFull => $"the disk that holds the database ({where}) is full: nothing can be recorded until space is freed; reading works ({e.Message})",
            StorageFailure.ReadOnly => $"the database ({where}) is read-only: nothing can be recorded ({e.Message})",
            StorageFailure.Damaged => $"the database file ({where}) is damaged or is not a Vigie database: restore the last good copy with vigie restore ({e.Message})",
            _ => $"The database ({where}) is not available: {e.Message}",
        }, e);
    }

    /// <summary>An SQLite I/O or "cannot open" error: a full disk or a read-only folder says more than "not available".</summary>
    private static StorageFailure Refine(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        try
        {
            if (Directory.Exists(folder) && new DriveInfo(folder).AvailableFreeSpace < 64 * 1024)
            {
                return StorageFailure.DiskFull;
            }

            return DataFolderCheck.Check(folder, file) is null ? StorageFailure.Unreachable : StorageFailure.DiskFull;
        }
        catch (DatabaseUnavailableException e)
        {
            return e.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return StorageFailure.Unreachable;
        }
    }
}
