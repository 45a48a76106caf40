using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>The core services plus deadlines, checklists, remediation and reports over a fresh database, on a fake clock.</summary>
internal sealed class PostIncident : IAsyncDisposable
{
    private PostIncident(Services core, FakeTimeProvider clock, string folder, IReadOnlyList<IReportContributor> contributors)
    {
        Core = core;
        Clock = clock;
        Folder = folder;
        Settings = DeadlineSettings.Paris(folder);
        var drafts = new DraftBuilder(core.Actions, core.Journal, core.Cell, core.Directory, contributors, clock);
        Deadlines = new DeadlineService(core.Database, core.Journal, core.Audit, clock, new DeadlineCatalogSource(Settings), drafts);
        Checklists = new ChecklistService(core.Database, core.Journal, core.Audit, clock, new ChecklistTemplateSource(Settings));
        Remediation = new RemediationService(core.Database, core.Journal, core.Audit, clock, Settings);
        Reports = new ReportService(core.Database, core.Incidents, core.Journal, core.Actions, Deadlines, Checklists, Remediation, core.Audit, contributors, clock, Settings);
    }

    public Services Core { get; }
    public FakeTimeProvider Clock { get; }
    public string Folder { get; }
    public DeadlineSettings Settings { get; }
    public DeadlineService Deadlines { get; }
    public ChecklistService Checklists { get; }
    public RemediationService Remediation { get; }
    public ReportService Reports { get; }

    /// <summary>Armentières, Sunday 11 February 2024, 02:00 in Paris: the ransom notes print.</summary>
    public static readonly DateTimeOffset Detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);

    public static async Task<PostIncident> CreateAsync(DatabaseKind kind, DateTimeOffset? now = null, params IReportContributor[] contributors)
    {
        var clock = new FakeTimeProvider(now ?? Detected.AddMinutes(30));
        var core = await Services.CreateAsync(kind, clock);
        var folder = Path.Combine(Path.GetTempPath(), "vigie-post-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return new PostIncident(core, clock, folder, contributors);
    }

    public async Task<Incident> NewIncidentAsync(string title = "Rançongiciel", DateTimeOffset? detected = null)
    {
        var created = await Core.Incidents.CreateAsync(new NewIncident(title, IncidentKind.Cyber, detected ?? Detected, Severity.Critique, "CH d'Armentières"), "directeur");
        Assert.True(created.IsOk, created.Problem?.Message);
        return created.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
