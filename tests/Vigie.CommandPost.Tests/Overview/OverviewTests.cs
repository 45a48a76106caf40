using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Overview;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Continuity;

namespace Vigie.CommandPost.Tests.Overview;

/// <summary>
/// The crisis board's figures (deadlines owed, overdue actions and re-evaluations, services down, diversions, desk
/// counts, latest entries, situation point) read on SQLite and PostgreSQL; one read shared by every screen until
/// something changes; and the situation point the ARS would accept, built from the same figures.
/// </summary>
public sealed class OverviewTests
{
    private static readonly DateTimeOffset s_detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero); // 02:00 Paris

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    /// <summary>Armentières at 05:40: IT stopped, ED closed with a diversion, actions, patients, the CNIL question answered.</summary>
    private static async Task<(ContinuityServices S, Incident Incident, Site Site)> NightAsync(DatabaseKind kind, FakeTimeProvider time)
    {
        var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = (await s.Core.Incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber, s_detected, Severity.Critique), "directeur")).Value;
        var site = await s.NewSiteAsync("CH d'Armentières");
        var lille = await s.NewFacilityAsync("CHU de Lille", 50.6114609, 3.037601);
        var services = await s.Sites.ListServicesAsync(site.Id);
        var it = services.Where(x => x.Category == ServiceCategory.Si).Select(x => x.Id).Take(5).ToList();
        Assert.True((await s.Board.ChangeManyAsync(incident.Id, it, new StatusChange(ServiceStatus.Ferme, "Coupure", s_detected.AddHours(4), EffectiveAt: s_detected.AddHours(1)), "dsi")).IsOk);
        var ed = services.Single(x => x.Code == "urgences_adultes");
        Assert.True((await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Ferme, "Rançongiciel",
            Diversion: new DiversionRequest("sauf_maternite", ReviewIntervalMinutes: 60)), "directeur")).IsOk);
        await s.Core.Actions.CreateAsync(incident.Id, new NewAction("Imprimer les dossiers", "Cadre de santé", time.GetUtcNow().AddMinutes(30)), "directeur");
        await s.Core.Actions.CreateAsync(incident.Id, new NewAction("Porter plainte", "Direction", null), "directeur");
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await s.Redirections.CreateAsync(incident.Id, new NewRedirection(site.Id, null, "JD", 1961, "homme", "Chute", 3, true, null, lille.Id, "ambulance"), "accueil")).IsOk);
        }

        Assert.True((await s.Redirections.CreateAsync(incident.Id, new NewRedirection(site.Id, null, "SB", 1971, "femme", "Arrêt cardiaque", 1, null, null, null, null), "accueil")).IsOk);
        Assert.True((await s.Core.Get<DeadlineService>().AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.Oui, "directeur")).IsOk);
        return (s, incident, site);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Read_GivesEveryPartOfTheBoard(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_detected.AddHours(3).AddMinutes(40));
        var (s, incident, _) = await NightAsync(kind, time);
        await using var _s = s;
        time.Advance(TimeSpan.FromHours(2)); // the action and the re-evaluations fall due
        var overview = s.Core.Get<OverviewService>();

        var board = (await overview.GetAsync(incident.Id))!;

        Assert.Equal(incident.Id, board.Incident.Id);
        Assert.Equal("ars_cert_sante", board.Deadlines[0].Rule.Id); // owed without delay: first
        Assert.Equal(DeadlineStatus.SansDelai, board.Deadlines[0].Status);
        var cnil = board.Deadlines.Single(d => d.Rule.Id == "cnil");
        Assert.Equal((true, s_detected.AddHours(72)), (cnil.StartAssumed, cnil.DueAt!.Value));
        Assert.DoesNotContain(board.Deadlines, d => d.Status == DeadlineStatus.NonApplicable);
        Assert.Equal((2, 1, "Imprimer les dossiers"), (board.OpenActions, board.OverdueActionCount, board.OverdueActions.Single().Title));
        Assert.Equal(6, board.DownCount);
        Assert.Equal("Urgences adultes", board.Down[0].Name); // clinical units first, the emergency department first
        Assert.Equal((ServiceStatus.Ferme, s_detected.AddHours(1)), (board.Down[1].Status, board.Down[1].Since));
        Assert.Equal((10, 10), (board.ClinicalTotal, board.ItTotal));
        Assert.Single(board.Diversions);
        Assert.True(board.OverdueReviews >= 2); // the diversion and the IT systems' re-evaluations
        Assert.Equal((4, 3, 1), (board.Desk.Total, board.Desk.Redirected, board.Desk.KeptOnSite));
        Assert.Equal([1, 0, 3, 0, 0], board.Desk.ByTriage);
        Assert.True(board.LatestEntries.Count <= OverviewService.LatestEntries);
        Assert.Equal(board.Incident.JournalCount, board.LatestEntries[0].Seq);
        Assert.Null(board.LastPoint);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Get_IsReadOncePerChange_SharedByEveryScreen_AndAgainWhenAStatusFallsDueByTheClock(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_detected.AddHours(3).AddMinutes(40));
        var (s, incident, _) = await NightAsync(kind, time);
        await using var _s = s;
        var overview = s.Core.Get<OverviewService>();

        var screens = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => overview.GetAsync(incident.Id)));
        var reads = overview.Computed;
        Assert.All(screens, b => Assert.Same(screens[0], b));
        Assert.Same(screens[0], await overview.GetAsync(incident.Id));
        Assert.Equal(reads, overview.Computed);

        // A committed change of the incident: the next screen reads again, once.
        var appended = (await s.Core.Journal.AppendAsync(incident.Id, "secretariat", new NewJournalEntry(JournalKind.Fait, "Imprimantes éteintes."))).Value;
        var after = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => overview.GetAsync(incident.Id)));
        Assert.Equal(reads + 1, overview.Computed);
        Assert.Equal(appended.Seq, after[0]!.LatestEntries[0].Seq);

        // No change, but the overdue action's due time passes: the board is read again.
        Assert.True(after[0]!.ValidUntil <= s_detected.AddHours(3).AddMinutes(40 + 30));
        time.Advance(TimeSpan.FromMinutes(31));
        var later = (await overview.GetAsync(incident.Id))!;
        Assert.Equal(reads + 2, overview.Computed);
        Assert.Equal(1, later.OverdueActionCount);
        Assert.Null(await overview.GetAsync(999_999));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SituationPoint_HasWhatTheArsAsks_IsJournaled_AndAnnouncesTheNextPoint(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_detected.AddHours(3).AddMinutes(40));
        var (s, incident, _) = await NightAsync(kind, time);
        await using var _s = s;
        time.Advance(TimeSpan.FromHours(1));
        var next = time.GetUtcNow().AddHours(2);

        var taken = await s.Core.Situation.TakeAsync(incident.Id, new SituationInput("Situation stabilisée ; risque de fuite de données.", next), "directeur");

        Assert.True(taken.IsOk, taken.Problem?.Message);
        var point = (await s.Core.Situation.GetAsync(incident.Id, taken.Value.Number))!;
        Assert.True(point.IsComplete);
        Assert.Equal(("Situation stabilisée ; risque de fuite de données.", next, s_detected), (point.Assessment, point.NextPointAt!.Value, point.DetectedAt!.Value));
        Assert.Equal(6, point.Services!.Count);
        Assert.Equal("Urgences adultes", Assert.Single(point.Diversions!).Unit);
        Assert.Equal([1, 0, 3, 0, 0], point.Patients!.ByTriage);
        Assert.Contains(point.Deadlines!, d => d.Id == "ars_cert_sante" && d.Status == DeadlineStatus.SansDelai);
        Assert.Contains(point.Deadlines!, d => d.Id == "cnil" && d.StartAssumed);
        Assert.Equal((2, 1), (point.OpenActions.Count, point.OverdueActionIds.Count));

        var text = (await s.Core.Journal.GetAsync(incident.Id, point.JournalSeq))!.Text;
        Assert.StartsWith(FrenchText.Typeset("Point de situation n°1 : phase détection, gravité critique."), text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Services de soins hors normale : 1/"), text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Délestage(s) : Urgences adultes (CH d'Armentières), sauf maternité"), text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Patients accueillis au poste : 4, dont 3 réorientés et 1 pris en charge sur place (tri 1 : 1, tri 2 : 0, tri 3 : 3"), text, StringComparison.Ordinal);
        Assert.Contains("Déclaration de l'incident de sécurité des systèmes d'information (ARS, analysée par le CERT Santé (ANS)) — due sans délai", text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Actions ouvertes : 2, dont 1 en retard."), text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Appréciation du directeur : « Situation stabilisée ; risque de fuite de données. »"), text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("Prochain point : 11/02/2024 08:40."), text, StringComparison.Ordinal);
        Assert.DoesNotContain("JD", text, StringComparison.Ordinal); // never a patient's initials

        // The board announces it; the next point must be in the future, the assessment bounded.
        Assert.Equal((1, next), ((await s.Core.Get<OverviewService>().GetAsync(incident.Id))!.LastPoint!.Number, (await s.Core.Get<OverviewService>().GetAsync(incident.Id))!.LastPoint!.NextPointAt!.Value));
        Assert.Equal("nextPointAt", (await s.Core.Situation.TakeAsync(incident.Id, new SituationInput(null, time.GetUtcNow().AddMinutes(-5)), "directeur")).Problem!.Field);
        Assert.Equal("assessment", (await s.Core.Situation.TakeAsync(incident.Id, new SituationInput(new string('x', 4_001)), "directeur")).Problem!.Field);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SituationPoint_TakenBeforeThisVersion_StillReads(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_detected.AddHours(3));
        var (s, incident, _) = await NightAsync(kind, time);
        await using var _s = s;
        var old = (await s.Core.Situation.TakeAsync(incident.Id, "directeur")).Value;
        using (var document = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            old.Id, old.IncidentId, Number = 2, old.TakenAt, old.Author, old.JournalSeq, old.Title, Phase = "crise", Severity = "critique",
            OpenActions = Array.Empty<object>(), OverdueActionIds = Array.Empty<long>(), LatestFacts = Array.Empty<object>(), LatestDecisions = Array.Empty<object>(), old.JournalCount, old.JournalHead
        },
            new JsonSerializerOptions(JsonSerializerDefaults.Web))))
        {
            await s.Core.Database.WriteAsync(unit => unit.Connection.ExecuteAsync(
                "INSERT INTO situation_points (incident_id, number, created_at_us, author, journal_seq, snapshot) VALUES (@id, 2, 0, 'ancien', 1, @snapshot)",
                new { id = incident.Id, snapshot = document.RootElement.GetRawText() }, unit.Transaction));
        }

        var read = (await s.Core.Situation.GetAsync(incident.Id, 2))!;
        Assert.False(read.IsComplete);
        Assert.Null(read.Assessment);
        Assert.Equal(IncidentPhase.Crise, read.Phase);
    }
}
