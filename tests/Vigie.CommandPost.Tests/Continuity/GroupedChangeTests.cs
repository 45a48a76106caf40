using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Reports;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>
/// "Every IT system was cut at 03:00", typed at 05:50: several services change together with one reason and one
/// time, in the past; the board, the history, the journal's occurredAt and the RETEX's key times take that time. SQLite and PostgreSQL.
/// </summary>
public sealed class GroupedChangeTests
{
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset s_detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero); // 02:00 Paris
    private static readonly DateTimeOffset s_cut = new(2024, 2, 11, 2, 0, 0, TimeSpan.Zero);      // 03:00 Paris
    private static readonly DateTimeOffset s_typed = new(2024, 2, 11, 4, 50, 0, TimeSpan.Zero);   // 05:50 Paris

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<(ContinuityServices S, Incident Incident, Site Site)> NightAsync(DatabaseKind kind, FakeTimeProvider time)
    {
        var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = (await s.Core.Incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber, s_detected, Severity.Critique), "directeur")).Value;
        var site = await s.NewSiteAsync("CH d'Armentières");
        return (s, incident, site);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangeMany_InThePast_OneEntryAtTheRealTime_AndTheRetexIsolationIsThatTime(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_typed);
        var (s, incident, site) = await NightAsync(kind, time);
        await using var _ = s;
        var it = (await s.Sites.ListServicesAsync(site.Id)).Where(x => x.Category == ServiceCategory.Si).ToList();
        var before = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;

        var changed = await s.Board.ChangeManyAsync(incident.Id, it.Select(x => x.Id).ToList(),
            new StatusChange(ServiceStatus.Ferme, "Coupure de tous les postes du réseau principal", EffectiveAt: s_cut), "dsi");

        Assert.True(changed.IsOk, changed.Problem?.Message);
        Assert.Equal(it.Count, changed.Value.Count);
        Assert.Equal(before + 1, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);
        var entry = (await s.Core.Journal.GetAsync(incident.Id, before + 1))!;
        Assert.Equal((s_cut, s_typed, JournalKind.Fait), (entry.OccurredAt, entry.RecordedAt, entry.Kind));
        Assert.StartsWith(FrenchText.Typeset(string.Create(CultureInfo.InvariantCulture, $"Changement groupé ({it.Count}) : CH d'Armentières / ")), entry.Text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("DPI (dossier patient informatisé) : normal → arrêté"), entry.Text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Motif : Coupure de tous les postes du réseau principal."), entry.Text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Heure effective : 11/02/2024 03:00 (heure de Paris), saisie le 11/02/2024 05:50."), entry.Text, StringComparison.Ordinal);

        var board = (await s.Board.GetAsync(incident.Id))!;
        Assert.All(board.All.Where(l => l.Service.Category == ServiceCategory.Si), l => Assert.Equal((ServiceStatus.Ferme, s_cut, entry.Seq), (l.Status, l.Since!.Value, l.JournalSeq!.Value)));
        Assert.All(board.All.Where(l => l.Service.Category == ServiceCategory.Clinique), l => Assert.Equal(ServiceStatus.Normal, l.Status));

        // The RETEX: isolation at 03:00, when it happened, not 05:50 when it was typed.
        var context = new ReportContext(incident, CultureInfo.GetCultureInfo("fr-FR"), s_paris, s_typed);
        var keyTimes = await new ContinuityReportContributor(s.Core.Database, s.Diversions, s.Redirections).KeyTimesAsync(context, default);
        var isolation = Assert.Single(keyTimes, k => k.Key == KeyTime.Isolement);
        Assert.Equal(s_cut, isolation.At);
        Assert.Contains("arrêté", isolation.Source, StringComparison.Ordinal);

        // Already in that state: left as it is; all of them: a conflict, nothing written.
        time.Advance(TimeSpan.FromMinutes(10));
        var again = await s.Board.ChangeManyAsync(incident.Id, it.Select(x => x.Id).ToList(),
            new StatusChange(ServiceStatus.Ferme, "Coupure de tous les postes du réseau principal", EffectiveAt: s_cut), "dsi");
        Assert.Equal(ProblemKind.Conflict, again.Problem!.Kind);
        Assert.Equal(before + 1, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangeMany_RefusesTheFuture_BeforeDetectionWithoutReason_BeforeTheLastChange_AndADiversion(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_typed);
        var (s, incident, site) = await NightAsync(kind, time);
        await using var _ = s;
        var dpi = await s.ServiceAsync(site, "dpi");
        var pacs = await s.ServiceAsync(site, "pacs");
        var ed = await s.ServiceAsync(site, "urgences_adultes");
        var ids = new List<long> { dpi.Id, pacs.Id };
        var count = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;

        Task<Result<IReadOnlyList<ServiceState>>> Change(DateTimeOffset? at, string? why = null, IReadOnlyList<long>? which = null, ServiceStatus status = ServiceStatus.Ferme) =>
            s.Board.ChangeManyAsync(incident.Id, which ?? ids, new StatusChange(status, "Chiffrement", EffectiveAt: at, BeforeDetectionReason: why), "dsi");

        Assert.Equal("effectiveAt", (await Change(s_typed.AddHours(1))).Problem!.Field);
        Assert.Equal("beforeDetectionReason", (await Change(s_detected.AddMinutes(-30))).Problem!.Field);
        Assert.Equal("serviceIds", (await Change(null, which: [])).Problem!.Field);
        Assert.Equal("serviceIds", (await Change(null, which: [dpi.Id, ed.Id])).Problem!.Field); // closing the ED opens a diversion: its own page
        Assert.Equal(ProblemKind.NotFound, (await Change(null, which: [dpi.Id, 999_999])).Problem!.Kind);
        Assert.Equal(count, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);

        // Before the detection with a reason: accepted, and the journal says why.
        var early = await Change(s_detected.AddMinutes(-30), "Le prestataire a coupé le serveur avant de prévenir");
        Assert.True(early.IsOk, early.Problem?.Message);
        var entry = (await s.Core.Journal.GetAsync(incident.Id, count + 1))!;
        Assert.Equal(s_detected.AddMinutes(-30), entry.OccurredAt);
        Assert.Contains(FrenchText.Typeset("Antérieur à la détection (11/02/2024 02:00) : Le prestataire a coupé le serveur avant de prévenir."), entry.Text, StringComparison.Ordinal);

        // A later change may not take effect before the last one (the history stays in order).
        var reordered = await Change(s_detected.AddMinutes(-45), "plus tôt encore", status: ServiceStatus.Degrade);
        Assert.Equal((ProblemKind.Conflict, "effectiveAt"), (reordered.Problem!.Kind, reordered.Problem.Field));
        Assert.True((await Change(s_cut, status: ServiceStatus.Degrade)).IsOk);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangeStatus_OneServiceInThePast_AndThePhaseAtItsRealTime_GiveTheKeyTimes(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_typed);
        var (s, incident, site) = await NightAsync(kind, time);
        await using var _ = s;
        var ed = await s.ServiceAsync(site, "urgences_adultes");

        // The ED closed at 03:00 (recorded 05:50): the diversion starts at 03:00 too.
        var closed = await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Ferme, "Rançongiciel",
            Diversion: new DiversionRequest("sauf_maternite"), EffectiveAt: s_cut), "directeur");
        Assert.True(closed.IsOk, closed.Problem?.Message);
        Assert.Equal(s_cut, closed.Value.Since);
        Assert.Equal(s_cut, (await s.Diversions.GetAsync(incident.Id, closed.Value.DiversionId!.Value))!.StartedAt);

        // The cell activated at 05:40, noted at 05:50: the phase entry happened at 05:40.
        var crisis = await s.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Crise, s_typed.AddMinutes(-10), "directeur");
        Assert.True(crisis.IsOk, crisis.Problem?.Message);
        var entry = (await s.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(s_typed.AddMinutes(-10), entry.OccurredAt);
        Assert.Equal("effectiveAt", (await s.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Reprise, s_detected.AddHours(-1), "directeur")).Problem!.Field);
        Assert.Equal("effectiveAt", (await s.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Reprise, s_typed.AddHours(1), "directeur")).Problem!.Field);

        var context = new ReportContext(incident, CultureInfo.GetCultureInfo("fr-FR"), s_paris, s_typed);
        var keyTimes = await new ContinuityReportContributor(s.Core.Database, s.Diversions, s.Redirections).KeyTimesAsync(context, default);
        Assert.Equal(s_cut, keyTimes.Single(k => k.Key == KeyTime.FermetureUrgences).At);
    }
}
