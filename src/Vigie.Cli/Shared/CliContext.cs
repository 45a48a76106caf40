using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>The command post's services for commands that work on the database without a server.</summary>
internal sealed class CliContext : IAsyncDisposable
{
    private CliContext(Database database)
    {
        Database = database;
        Audit = new AuditLog(database, TimeProvider.System);
        Accounts = new AccountService(database, Audit, TimeProvider.System);
        Journal = new JournalService(database, TimeProvider.System);
    }

    public Database Database { get; }

    public AuditLog Audit { get; }

    public AccountService Accounts { get; }

    public JournalService Journal { get; }

    /// <summary>Who the audit trail names for command-line changes.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public static async Task<CliContext> OpenAsync(string? database, CancellationToken cancellationToken)
    {
        var settings = CommonOptions.Resolve(database);
        var db = new Database(settings);
        await db.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return new CliContext(db);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
