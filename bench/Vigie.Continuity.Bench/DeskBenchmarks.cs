using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost;
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
    private ServiceProvider? _services;
    private Database? _database;
    private RedirectionService? _redirections;
    private long _incident;
    private long _site;
    private long _facility;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "vigie-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _services = new ServiceCollection().AddCommandPost(new CommandPostOptions { Database = DatabaseSettings.Sqlite(Path.Combine(_folder, "vigie.db")) }).BuildServiceProvider();
        _database = _services.GetRequiredService<Database>();
        await _database.MigrateAsync();
        _incident = (await _services.GetRequiredService<IncidentService>().CreateAsync(new NewIncident("Bench", IncidentKind.Cyber), "bench")).Value.Id;
        _site = (await _services.GetRequiredService<SiteCatalogService>().CreateSiteAsync(new SiteInput("Site", null, 50.6930, 2.8960), true, "bench")).Value.Id;
        var facilities = _services.GetRequiredService<FacilityService>();
        await facilities.ImportAsync(ContinuityData.SharedExtract(), new Vigie.CommandPost.Continuity.Facilities.Import.FacilityImportOptions(), "bench");
        await facilities.ImportSampleAsync("bench");
        _facility = (await facilities.ListAsync()).First(f => f.HasEmergency).Id;
        _redirections = _services.GetRequiredService<RedirectionService>();
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
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
