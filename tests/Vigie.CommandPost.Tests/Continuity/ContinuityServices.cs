using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>The core services plus continuity of care over a fresh migrated database of one kind.</summary>
internal sealed class ContinuityServices : IAsyncDisposable
{
    private ContinuityServices(Services core) => Core = core;

    public Services Core { get; }
    public SiteCatalogService Sites => Core.Get<SiteCatalogService>();
    public BoardService Board => Core.Get<BoardService>();
    public DiversionService Diversions => Core.Get<DiversionService>();
    public FacilityService Facilities => Core.Get<FacilityService>();
    public RedirectionService Redirections => Core.Get<RedirectionService>();
    public ReevaluationReminders Reminders => Core.Get<ReevaluationReminders>();

    public static async Task<ContinuityServices> CreateAsync(DatabaseKind kind, TimeProvider? time = null) =>
        new(await Services.CreateAsync(kind, time));

    public Task<Incident> NewIncidentAsync(string title = "Rançongiciel") => Core.NewIncidentAsync(title);

    /// <summary>A site near Armentières with the default lists of units and IT systems.</summary>
    public async Task<Site> NewSiteAsync(string name = "Site principal", long? facilityId = null)
    {
        var created = await Sites.CreateSiteAsync(new SiteInput(name, "1 rue de l'Exemple, 59280 Armentières", 50.6880, 2.8820, facilityId), withDefaultServices: true, "admin");
        Assert.True(created.IsOk, created.Problem?.Message);
        return created.Value;
    }

    public async Task<HospitalService> ServiceAsync(Site site, string code) =>
        (await Sites.ListServicesAsync(site.Id)).Single(s => s.Code == code);

    public async Task<Facility> NewFacilityAsync(string name, double latitude, double longitude, string capabilities = "urgences_adultes", string? finess = null, string? status = null)
    {
        var created = await Facilities.CreateAsync(new FacilityInput(finess, name, "2 avenue Oscar Lambret", "59037", "Lille", latitude, longitude, false,
            "0320445962", null, "15", capabilities.Split(' ', StringSplitOptions.RemoveEmptyEntries), status), "admin");
        Assert.True(created.IsOk, created.Problem?.Message);
        return created.Value;
    }

    public ValueTask DisposeAsync() => Core.DisposeAsync();
}
