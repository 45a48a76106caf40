using BenchmarkDotNet.Attributes;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.Continuity.Bench;

/// <summary>
/// Recording one redirection on SQLite (a file in the temp folder, WAL, synchronous=FULL): validation, incident lock,
/// destination checks, the record, its journal entry (hash chain) and audit, in one transaction with its fsync; and
/// the desk's suggestion query (directory read + ranking). The figures include the disk's flush latency.
/// </summary>
[MemoryDiagnoser]
public class DeskBenchmarks
{
    private string _folder = "";
    private Database? _database;
    private RedirectionService? _redirections;
    private long _incident;
    private long _site;
    private long _facility;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "vigie-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _database = new Database(DatabaseSettings.Sqlite(Path.Combine(_folder, "vigie.db")));
        await _database.MigrateAsync();
        var time = TimeProvider.System;
        var audit = new AuditLog(_database, time);
        var journal = new JournalService(_database, time);
        var settings = ContinuitySettings.Paris;
        _incident = (await new IncidentService(_database, journal, audit, time).CreateAsync(new NewIncident("Bench", IncidentKind.Cyber), "bench")).Value.Id;
        _site = (await new SiteCatalogService(_database, audit, time).CreateSiteAsync(new SiteInput("Site", null, 50.6930, 2.8960), true, "bench")).Value.Id;
        var facilities = new FacilityService(_database, audit, time);
        await facilities.ImportAsync(ContinuityData.SharedExtract(), new Vigie.CommandPost.Continuity.Facilities.Import.FacilityImportOptions(), "bench");
        await facilities.ImportSampleAsync("bench");
        _facility = (await facilities.ListAsync()).First(f => f.HasEmergency).Id;
        _redirections = new RedirectionService(_database, journal, audit, time, settings);
    }

    [Benchmark]
    public async Task<int> RecordRedirection() =>
        (await _redirections!.CreateAsync(_incident, new NewRedirection(_site, null, "JD", 1970, "homme", "Chute", 3, true, null, _facility, "ambulance"), "bench")).Value.Number;

    [Benchmark]
    public async Task<int> SuggestDestinations() =>
        (await _redirections!.SuggestAsync(_site, null, 1970)).Value.Ranked.Count;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
