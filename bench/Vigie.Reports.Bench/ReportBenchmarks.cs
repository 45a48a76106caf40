using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.CommandPost.Storage;

namespace Vigie.Reports.Bench;

/// <summary>
/// The RETEX of a long incident: <see cref="Entries"/> journal entries (facts and decisions, French text), one
/// checklist, remediation measures. Build: read everything from SQLite and assemble the sections. Pdf: draw the
/// already-built report as an A4 PDF (DejaVu Sans embedded). Deadlines: evaluate the shipped rules for one incident.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");
    private string _folder = "";
    private ServiceProvider? _services;
    private Database? _database;
    private ReportService? _reports;
    private PostIncidentReport? _report;
    private long _incident;
    private DeadlineCatalog? _catalog;
    private TimeZoneInfo? _zone;

    [Params(500, 2000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "vigie-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _services = new ServiceCollection().AddCommandPost(new CommandPostOptions
        {
            Database = DatabaseSettings.Sqlite(Path.Combine(_folder, "vigie.db")),
            DataDirectory = _folder,
        }).BuildServiceProvider();
        _database = _services.GetRequiredService<Database>();
        await _database.MigrateAsync();
        var journal = _services.GetRequiredService<JournalService>();
        var incidents = _services.GetRequiredService<IncidentService>();
        var checklists = _services.GetRequiredService<ChecklistService>();
        var remediation = _services.GetRequiredService<RemediationService>();
        _reports = _services.GetRequiredService<ReportService>();

        _incident = (await incidents.CreateAsync(new NewIncident("Rançongiciel — CH d'Armentières", IncidentKind.Cyber, DateTimeOffset.UtcNow.AddDays(-20), Severity.Critique, "CH d'Armentières"), "directrice")).Value.Id;
        for (var i = 0; i < Entries; i++)
        {
            await journal.AppendAsync(_incident, "secretariat", new NewJournalEntry(i % 3 == 0 ? JournalKind.Decision : JournalKind.Fait,
                $"Constat n°{i} : poste {i} chiffré, écran « Vos fichiers ont été chiffrés », déconnecté du réseau ; serveur de fichiers arrêté, sauvegardes vérifiées."));
        }

        var list = (await checklists.ApplyAsync(_incident, "ransomware", "directrice")).Value;
        foreach (var item in list.Items.Take(8))
        {
            await checklists.CheckAsync(_incident, list.Id, item.Id, true, null, "rssi");
        }

        for (var i = 0; i < 20; i++)
        {
            await remediation.CreateAsync(_incident, new NewMeasure($"Mesure {i}", (CareDomain)(i % 5), "DSI", DateTimeOffset.UtcNow.AddDays(30 + i)), "directrice");
        }

        _report = await _reports.BuildAsync(_incident, s_french, "bench");
        _catalog = DeadlineCatalogReader.Shipped();
        _zone = _services.GetRequiredService<HospitalClock>().Zone;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<PostIncidentReport?> Build() => _reports!.BuildAsync(_incident, s_french, "bench");

    [Benchmark]
    public int Pdf() => ReportPdfWriter.Render(_report!).Length;

    [Benchmark]
    public int Deadlines() => DeadlineEvaluator.Evaluate(_catalog!, DateTimeOffset.UtcNow.AddHours(-30),
        new Dictionary<string, ApplicabilityAnswer> { ["personal_data"] = ApplicabilityAnswer.Oui, ["nis2_entity"] = ApplicabilityAnswer.Oui },
        new Dictionary<string, DateTimeOffset> { ["breach_awareness"] = DateTimeOffset.UtcNow.AddHours(-20) },
        new Dictionary<string, SentNotification>(), DateTimeOffset.UtcNow, _zone!).Count;
}
