using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Reports;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.CommandPost.Tests;

/// <summary>
/// The command post as it runs (<see cref="CommandPostServices.AddCommandPost"/>) over a fresh migrated database of one
/// kind; disposing drops the database. Continuity and findings contribute to the report only when a test gives them.
/// </summary>
internal sealed class Services : IAsyncDisposable
{
    private readonly TestDatabase _test;
    private readonly ServiceProvider _provider;

    private Services(TestDatabase test, ServiceProvider provider)
    {
        _test = test;
        _provider = provider;
    }

    public Database Database => Get<Database>();
    public TimeProvider Time => Get<TimeProvider>();
    public HospitalClock Clock => Get<HospitalClock>();
    public AuditLog Audit => Get<AuditLog>();
    public JournalService Journal => Get<JournalService>();
    public IncidentService Incidents => Get<IncidentService>();
    public CrisisCellService Cell => Get<CrisisCellService>();
    public CrisisDirectoryService Directory => Get<CrisisDirectoryService>();
    public ActionService Actions => Get<ActionService>();
    public SituationService Situation => Get<SituationService>();
    public AccountService Accounts => Get<AccountService>();
    public FindingService Findings => Get<FindingService>();

    /// <summary>The folder beside the database (the hospital's data files: deadlines.yaml, checklists/).</summary>
    public string Folder => _test.Folder;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<Services> CreateAsync(DatabaseKind kind, TimeProvider? time = null, params IReportContributor[] contributors)
    {
        var test = await TestDatabase.CreateAsync(kind, migrated: true);
        var services = new ServiceCollection().AddCommandPost(new CommandPostOptions
        {
            Database = test.Settings,
            DataDirectory = test.Folder,
            TimeProvider = time,
            PasswordIterations = 1_000,
        });
        // The report's own contributors stay; those of continuity of care and findings are the test's to give.
        foreach (var optional in services.Where(d => d.ServiceType == typeof(IReportContributor) &&
                     (d.ImplementationType == typeof(ContinuityReportContributor) || d.ImplementationType == typeof(FindingsReportContributor))).ToList())
        {
            services.Remove(optional);
        }

        foreach (var contributor in contributors)
        {
            services.AddSingleton(contributor);
        }

        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Database>().MigrateAsync();
        return new Services(test, provider);
    }

    public async Task<Incident> NewIncidentAsync(string title = "Rançongiciel", DateTimeOffset? detectedAt = null)
    {
        var created = await Incidents.CreateAsync(new NewIncident(title, IncidentKind.Cyber, detectedAt), "directeur");
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

    /// <summary>Runs SQL on the evidence tables as an attacker with database access would: their guards (triggers, foreign keys) off.</summary>
    public async Task TamperEvidenceAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Database.Kind == DatabaseKind.Sqlite
            ? "PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS journal_attachments_no_update; DROP TRIGGER IF EXISTS journal_attachments_no_delete; " +
              "DROP TRIGGER IF EXISTS evidence_files_no_change; " + sql
            : "SET session_replication_role = replica; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _test.DisposeAsync();
    }
}
