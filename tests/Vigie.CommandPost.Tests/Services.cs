using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.CommandPost.Tests;

/// <summary>The domain services over a fresh migrated database of one kind; disposing drops the database.</summary>
internal sealed class Services : IAsyncDisposable
{
    private readonly TestDatabase _test;

    private Services(TestDatabase test, Database database, TimeProvider time)
    {
        _test = test;
        Database = database;
        Time = time;
        Audit = new AuditLog(database, time);
        Journal = new JournalService(database, time);
        Incidents = new IncidentService(database, Journal, Audit, time);
        Cell = new CrisisCellService(database, Journal, Audit);
        Directory = new CrisisDirectoryService(database, Audit, time);
        Actions = new ActionService(database, Journal, Audit, time);
        Situation = new SituationService(database, Journal, Audit, time);
        Accounts = new AccountService(database, Audit, time) { Iterations = 1_000 };
        Findings = new FindingService(database, Journal, Audit, time);
    }

    public Database Database { get; }
    public TimeProvider Time { get; }
    public AuditLog Audit { get; }
    public JournalService Journal { get; }
    public IncidentService Incidents { get; }
    public CrisisCellService Cell { get; }
    public CrisisDirectoryService Directory { get; }
    public ActionService Actions { get; }
    public SituationService Situation { get; }
    public AccountService Accounts { get; }
    public FindingService Findings { get; }

    public static async Task<Services> CreateAsync(DatabaseKind kind, TimeProvider? time = null)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(kind);
        return new Services(test, database, time ?? TimeProvider.System);
    }

    public async Task<Incident> NewIncidentAsync(string title = "Rançongiciel")
    {
        var created = await Incidents.CreateAsync(new NewIncident(title, IncidentKind.Cyber), "directeur");
        Assert.True(created.IsOk, created.Problem?.Message);
        return created.Value;
    }

    /// <summary>Runs SQL as an attacker with database access would: append-only triggers off.</summary>
    public async Task TamperAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Database.Kind == DatabaseKind.Sqlite
            ? "DROP TRIGGER IF EXISTS journal_entries_no_update; DROP TRIGGER IF EXISTS journal_entries_no_delete; " + sql
            : "ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_no_change; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _test.DisposeAsync();
    }
}
