using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>The command post's services (<see cref="CommandPostServices.AddCommandPost"/>) for commands that work on the database without a server.</summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliContext(ServiceProvider services) => _services = services;

    public Database Database => Get<Database>();

    public AuditLog Audit => Get<AuditLog>();

    public AccountService Accounts => Get<AccountService>();

    public JournalService Journal => Get<JournalService>();

    /// <summary>Who the audit trail names for command-line changes.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Opens (and migrates) the database; the hospital's data files are looked for beside a SQLite file.</summary>
    public static async Task<CliContext> OpenAsync(string? database, CancellationToken cancellationToken, string? timeZone = null)
    {
        var settings = CommonOptions.Resolve(database);
        var options = new CommandPostOptions
        {
            Database = settings,
            DataDirectory = settings.SqliteFile is { } file ? Path.GetDirectoryName(file) : null,
            TimeZone = timeZone ?? new CommandPostOptions { Database = settings }.TimeZone,
        };
        var services = new ServiceCollection().AddCommandPost(options).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<Database>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new CliContext(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
