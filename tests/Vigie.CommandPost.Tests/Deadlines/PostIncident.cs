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
    private PostIncident(Services core, FakeTimeProvider clock)
    {
        Core = core;
        Clock = clock;
    }

    public Services Core { get; }
    public FakeTimeProvider Clock { get; }

    /// <summary>The hospital's data folder (deadlines.yaml, checklists/).</summary>
    public string Folder => Core.Folder;
    public DeadlineService Deadlines => Core.Get<DeadlineService>();
    public ChecklistService Checklists => Core.Get<ChecklistService>();
    public RemediationService Remediation => Core.Get<RemediationService>();
    public ReportService Reports => Core.Get<ReportService>();

    /// <summary>Armentières, Sunday 11 February 2024, 02:00 in Paris: the ransom notes print.</summary>
    public static readonly DateTimeOffset Detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);

    public static async Task<PostIncident> CreateAsync(DatabaseKind kind, DateTimeOffset? now = null, params IReportContributor[] contributors)
    {
        var clock = new FakeTimeProvider(now ?? Detected.AddMinutes(30));
        return new PostIncident(await Services.CreateAsync(kind, clock, contributors), clock);
    }

    public async Task<Incident> NewIncidentAsync(string title = "Rançongiciel", DateTimeOffset? detected = null)
    {
        var created = await Core.Incidents.CreateAsync(new NewIncident(title, IncidentKind.Cyber, detected ?? Detected, Severity.Critique, "CH d'Armentières"), "directeur");
        Assert.True(created.IsOk, created.Problem?.Message);
        return created.Value;
    }

    public ValueTask DisposeAsync() => Core.DisposeAsync();
}
