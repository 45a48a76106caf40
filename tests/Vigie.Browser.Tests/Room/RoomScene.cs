using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Browser.Tests.Room;

/// <summary>
/// Seven hours into a ransomware night on a test server, as the crisis board sees it: IT systems stopped, the
/// emergency department closed with a diversion, overdue actions and re-evaluations, patients at the desk, the CNIL
/// question answered, a situation point, and a journal of long entries.
/// </summary>
internal static class RoomScene
{
    public sealed record Scene(long Incident, Site Site, long DpiId, long TelephonyId);

    public static async Task<Scene> NightAsync(TestServer server, int entries = 40)
    {
        var now = DateTimeOffset.UtcNow;
        var incident = (await server.Service<IncidentService>().CreateAsync(
            new NewIncident("EXERCICE — Rançongiciel au CH des Marais-Blancs", IncidentKind.Cyber, now.AddHours(-7), Severity.Critique, "Marais-Blancs"), "directrice")).Value;
        var site = (await server.Service<SiteCatalogService>().CreateSiteAsync(new SiteInput("Marais-Blancs — site principal", null, 50.6930, 2.8960), true, "admin")).Value;
        Assert.True((await server.Service<FacilityService>().ImportSampleAsync("admin")).IsOk);
        var services = await server.Service<SiteCatalogService>().ListServicesAsync(site.Id);
        long Id(string code) => services.Single(s => s.Code == code).Id;

        var board = server.Service<BoardService>();
        var it = new List<long> { Id("dpi"), Id("active_directory"), Id("internet"), Id("messagerie"), Id("vpn"), Id("sauvegardes") };
        Check(await board.ChangeManyAsync(incident.Id, it, new StatusChange(ServiceStatus.Ferme, "Coupure du réseau principal", now.AddMinutes(1), EffectiveAt: now.AddHours(-6)), "dsi"));

        // Their re-evaluation was due half an hour ago (as if the night had gone by on this server's clock).
        await server.Service<Database>().WriteAsync(unit => unit.Connection.ExecuteAsync(
            "UPDATE service_states SET next_review_at_us = @past WHERE incident_id = @id AND next_review_at_us IS NOT NULL",
            new { past = Time.ToMicros(now.AddMinutes(-30)), id = incident.Id }, unit.Transaction));
        Check(await board.ChangeManyAsync(incident.Id, [Id("pacs"), Id("sil"), Id("hospitalisation"), Id("consultations")],
            new StatusChange(ServiceStatus.Degrade, "Fonctionnement sur papier", EffectiveAt: now.AddHours(-5)), "dsi"));
        Check(await board.ChangeStatusAsync(incident.Id, Id("urgences_adultes"), new StatusChange(ServiceStatus.Ferme, "DPI et imagerie indisponibles",
            Diversion: new DiversionRequest("sauf_maternite", PlannedEndAt: now.AddHours(18), ReviewIntervalMinutes: 720), EffectiveAt: now.AddHours(-5)), "directrice"));

        var actions = server.Service<ActionService>();
        Check(await actions.CreateAsync(incident.Id, new NewAction("Imprimer les dossiers des patients hospitalisés", "Cadre de santé", now.AddHours(-4)), "directrice"));
        Check(await actions.CreateAsync(incident.Id, new NewAction("Déclarer l'incident à l'ARS / CERT Santé", "RSSI", now.AddHours(-3)), "directrice"));
        Check(await actions.CreateAsync(incident.Id, new NewAction("Déposer plainte", "Direction", now.AddHours(20)), "directrice"));

        var desk = server.Service<RedirectionService>();
        var lille = (await server.Service<FacilityService>().ListAsync()).First(f => f.Name.Contains("Roger Salengro", StringComparison.Ordinal));
        for (var i = 0; i < 7; i++)
        {
            Check(await desk.CreateAsync(incident.Id, new NewRedirection(site.Id, now.AddHours(-4 + (i * 0.5)), "JD", 1960 + i, "homme", "Douleur", 2 + (i % 4), i % 4 != 0, null, lille.Id,
                i % 4 == 0 ? "ambulance" : "moyens_propres"), "accueil"));
        }

        Check(await desk.CreateAsync(incident.Id, new NewRedirection(site.Id, now.AddHours(-2), "SB", 1971, "femme", "Arrêt cardio-respiratoire", 1, null, null, null, null), "accueil"));
        Check(await server.Service<DeadlineService>().AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.NeSaitPas, "directrice"));
        var journal = server.Service<JournalService>();
        for (var i = 0; i < entries; i++)
        {
            Check(await journal.AppendAsync(incident.Id, "secretariat", new NewJournalEntry(i % 3 == 0 ? JournalKind.Decision : JournalKind.Fait,
                $"Constat n°{i} : poste {i} du bâtiment B chiffré, écran « Vos fichiers ont été chiffrés », débranché du réseau et laissé allumé ; photo prise pour la plainte, "
                + "le technicien de garde a vérifié que les sauvegardes hors ligne du week-end sont intactes.", now.AddHours(-6).AddMinutes(i * 5))));
        }

        Check(await server.Service<SituationService>().TakeAsync(incident.Id, new SituationInput("Situation stabilisée, reprise sur papier.", now.AddHours(1)), "directrice"));
        return new Scene(incident.Id, site, Id("dpi"), Id("telephonie"));
    }

    private static T Check<T>(Result<T> result) =>
        result.IsOk ? result.Value : throw new InvalidOperationException(result.Problem.Message);
}
