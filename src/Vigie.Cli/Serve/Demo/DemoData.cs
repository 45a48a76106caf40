using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Serve.Demo;

/// <summary>
/// <c>vigie serve --demo</c>: a fictional hospital (Centre hospitalier des Marais-Blancs, which does not exist) with two
/// sites, their units and IT systems, an account per role, the sample territory of Armentières, and an exercise incident
/// seven hours into a ransomware night, created as a real exercise of the built-in scenario "Nuit noire au CH des
/// Marais-Blancs": journal, crisis cell, board with a diversion and an overdue re-evaluation, actions, redirected patients,
/// the reflex sheet, the ARS declaration, a hunt's findings, remediation measures, a filled crisis directory (fictional
/// names and numbers), and the exercise clock started 20 minutes ago in real time (its first stimuli delivered, the next
/// ones arriving live while the demo runs). Everything runs through the domain services, as a user's clicks would.
/// </summary>
internal static class DemoData
{
    public const string HospitalName = "Centre hospitalier des Marais-Blancs (fictif)";
    public const string ScenarioKey = "nuit-noire-marais-blancs";
    public const string Animator = "demo-animateur";
    private const string Director = "demo-directeur";
    private const string Member = "demo-membre";
    private const string Desk = "demo-accueil";

    public static async Task<DemoResult> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<Database>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var start = now.AddHours(-7);
        var clock = new DemoClock(start);

        // The same services as the server's, on the same database, but on the demo's clock.
        var options = services.GetRequiredService<CommandPostOptions>() with { TimeProvider = clock };
        await using var story = new ServiceCollection().AddCommandPost(options).AddSingleton(database).BuildServiceProvider();
        var audit = story.GetRequiredService<AuditLog>();
        var journal = story.GetRequiredService<JournalService>();
        var incidents = story.GetRequiredService<IncidentService>();
        var facilities = story.GetRequiredService<FacilityService>();
        var sites = story.GetRequiredService<SiteCatalogService>();
        var board = story.GetRequiredService<BoardService>();
        var redirections = story.GetRequiredService<RedirectionService>();
        var actions = story.GetRequiredService<ActionService>();
        var situation = story.GetRequiredService<SituationService>();
        var cell = story.GetRequiredService<CrisisCellService>();
        var exercises = story.GetRequiredService<ExerciseService>();

        var accounts = await CreateAccountsAsync(services.GetRequiredService<AccountService>(), cancellationToken).ConfigureAwait(false);

        // The territory, with statuses as the cell heard them that night (fictional).
        clock.Now = start.AddMinutes(-30);
        Check(await facilities.ImportSampleAsync("demo", cancellationToken).ConfigureAwait(false));
        var directory = await facilities.ListAsync(cancellationToken).ConfigureAwait(false);
        Facility Named(string part) => directory.First(f => f.Name.Contains(part, StringComparison.Ordinal));
        clock.Now = start.AddHours(1.5);
        Check(await facilities.SetStatusAsync(Named("Roger Salengro").Id, FacilityStatus.Ouvert, "Régulation SAMU 59 (démonstration)", Member, cancellationToken).ConfigureAwait(false));
        Check(await facilities.SetStatusAsync(Named("Saint-Philibert").Id, FacilityStatus.Ouvert, "Appel de l'accueil (démonstration)", Member, cancellationToken).ConfigureAwait(false));
        Check(await facilities.SetStatusAsync(Named("Hazebrouck").Id, FacilityStatus.Ouvert, "Appel de l'accueil (démonstration)", Member, cancellationToken).ConfigureAwait(false));
        Check(await facilities.SetStatusAsync(Named("Armentières").Id, FacilityStatus.Tension, "Afflux de patients (démonstration)", Member, cancellationToken).ConfigureAwait(false));
        Check(await facilities.SetStatusAsync(Named("Seclin").Id, FacilityStatus.Ferme, "Urgences fermées cette nuit (statut fictif, démonstration)", Member, cancellationToken).ConfigureAwait(false));

        // The fictional hospital: two sites near Armentières.
        clock.Now = start.AddMinutes(-20);
        var main = Check(await sites.CreateSiteAsync(new SiteInput("Marais-Blancs — site principal (fictif)", "1 rue des Marais-Blancs, 59280 Armentières (adresse fictive)", 50.6930, 2.8960),
            withDefaultServices: true, "demo", cancellationToken).ConfigureAwait(false));
        Check(await sites.CreateSiteAsync(new SiteInput("Les Saules — gériatrie (fictif)", "2 chemin des Saules, 59850 Nieppe (adresse fictive)", 50.7036, 2.8370),
            withDefaultServices: true, "demo", cancellationToken).ConfigureAwait(false));
        var units = await sites.ListServicesAsync(main.Id, false, cancellationToken).ConfigureAwait(false);
        HospitalService Unit(string code) => units.First(u => u.Code == code);

        // The night: ransom notes at 02:00, the cell at 05:40 (relative to the demo's start).
        // Declared when the ransom notes were found: the journal's first entries are not before the detection.
        clock.Now = start;
        var imported = Check(await exercises.ImportBuiltInAsync(ScenarioKey, Animator, cancellationToken).ConfigureAwait(false));
        var id = imported.IncidentId!.Value;
        await Journal(journal, clock, id, start, JournalKind.Fait, "Notes de rançon imprimées sur les imprimantes des bâtiments A et B.", cancellationToken).ConfigureAwait(false);
        await Journal(journal, clock, id, start.AddMinutes(50), JournalKind.Action, "Postes coupés du réseau principal (câbles débranchés, postes laissés allumés).", cancellationToken).ConfigureAwait(false);
        clock.Now = start.AddMinutes(30);
        Check(await incidents.ChangePhaseAsync(id, IncidentPhase.Confinement, Director, cancellationToken).ConfigureAwait(false));
        foreach (var (role, person) in new[] { ("directeur_crise", "Mme Lefebvre (démo)"), ("main_courante", "M. Dubois (démo)"), ("rssi", "Mme Caron (démo)"), ("medecin_urgences", "Dr Lambert (démo)") })
        {
            Check(await cell.AssignAsync(id, role, person, Director, cancellationToken).ConfigureAwait(false));
        }

        clock.Now = start.AddHours(1);
        Check(await incidents.ChangePhaseAsync(id, IncidentPhase.Crise, Director, cancellationToken).ConfigureAwait(false));
        await Journal(journal, clock, id, clock.Now, JournalKind.Decision, "Cellule de crise activée ; plan blanc déclenché.", cancellationToken).ConfigureAwait(false);

        // The board: IT systems down, the emergency department closed with a diversion except maternity.
        clock.Now = start.AddHours(1).AddMinutes(10);
        Check(await board.ChangeStatusAsync(id, Unit("dpi").Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés", clock.Now.AddHours(2)), Member, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("active_directory").Id, new StatusChange(ServiceStatus.Ferme, "Contrôleurs de domaine compromis", clock.Now.AddHours(4)), Member, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("internet").Id, new StatusChange(ServiceStatus.Ferme, "Coupé volontairement (confinement)"), Member, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("messagerie").Id, new StatusChange(ServiceStatus.Ferme, "Arrêtée par précaution"), Member, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("pacs").Id, new StatusChange(ServiceStatus.Degrade, "Consultation des images sur la console locale seulement", clock.Now.AddHours(8)), Member, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("sil").Id, new StatusChange(ServiceStatus.Degrade, "Résultats sur papier, par coursier"), Member, cancellationToken).ConfigureAwait(false));
        clock.Now = start.AddHours(1).AddMinutes(30);
        Check(await board.ChangeStatusAsync(id, Unit("urgences_adultes").Id, new StatusChange(ServiceStatus.Ferme, "DPI et imagerie indisponibles : accueil impossible en sécurité",
            PlannedReopenAt: clock.Now.AddHours(24), Diversion: new DiversionRequest("sauf_maternite", PlannedEndAt: clock.Now.AddHours(24), ReviewIntervalMinutes: 12 * 60)), Director, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("hospitalisation").Id, new StatusChange(ServiceStatus.Degrade, "Dossiers des 130 patients imprimés ; prescriptions sur papier"), Director, cancellationToken).ConfigureAwait(false));
        Check(await board.ChangeStatusAsync(id, Unit("consultations").Id, new StatusChange(ServiceStatus.Degrade, "Consultations non urgentes reportées demain",
            PlannedReopenAt: clock.Now.AddHours(30)), Director, cancellationToken).ConfigureAwait(false));
        await Journal(journal, clock, id, clock.Now, JournalKind.Communication, "SAMU 59, ARS et hôpitaux voisins (Lille, Lomme, Hazebrouck) informés du délestage.", cancellationToken).ConfigureAwait(false);

        clock.Now = start.AddHours(2);
        Check(await actions.CreateAsync(id, new NewAction("Imprimer les dossiers des patients hospitalisés", "Cadre de santé (démo)", start.AddHours(3)), Director, cancellationToken).ConfigureAwait(false));
        Check(await actions.CreateAsync(id, new NewAction("Déposer plainte (gendarmerie)", "Direction (démo)", start.AddHours(26)), Director, cancellationToken).ConfigureAwait(false));
        Check(await actions.CreateAsync(id, new NewAction("Déclarer l'incident à l'ARS / CERT Santé", "RSSI (démo)", start.AddHours(4)), Director, cancellationToken).ConfigureAwait(false));

        // The desk: patients met at the door since the closure, one of them a vital emergency kept on site.
        var patients = new (double Hours, string Initials, int Year, string Sex, string Reason, int Triage, bool Ambulatory, string? Need, string Transport)[]
        {
            (2.2, "JD", 1958, "homme", "Douleur thoracique", 2, false, null, "smur_samu"),
            (2.6, "ML", 1990, "femme", "Entorse de cheville", 5, true, null, "moyens_propres"),
            (3.1, "AB", 2017, "homme", "Fièvre", 4, true, null, "moyens_propres"),
            (3.5, "CR", 1946, "femme", "Suspicion d'AVC", 2, false, "avc", "smur_samu"),
            (4.2, "PT", 1983, "homme", "Plaie de la main", 4, true, null, "moyens_propres"),
            (4.9, "SB", 1971, "femme", "Arrêt cardio-respiratoire", 1, false, null, ""),
            (5.6, "LG", 2001, "homme", "Traumatisme du poignet", 3, true, null, "ambulance"),
            (6.4, "NV", 1965, "femme", "Douleur abdominale", 3, true, null, "ambulance"),
        };
        foreach (var p in patients)
        {
            var arrived = start.AddHours(p.Hours);
            clock.Now = arrived.AddMinutes(4);
            long? destination = null;
            if (p.Triage != 1)
            {
                var need = p.Need is null ? (PatientNeed?)null : CommandPost.Common.WireName<PatientNeed>.Parse(p.Need);
                var suggestions = Check(await redirections.SuggestAsync(main.Id, need, p.Year, cancellationToken).ConfigureAwait(false));
                destination = suggestions.Recommended.First().Facility.Id;
            }

            Check(await redirections.CreateAsync(id, new NewRedirection(main.Id, arrived, p.Initials, p.Year, p.Sex, p.Reason, p.Triage, p.Ambulatory, p.Need, destination,
                p.Triage == 1 ? null : p.Transport), Desk, cancellationToken).ConfigureAwait(false));
        }

        await DemoInvestigation.SeedAsync(story, clock, id, start, Director, Member, cancellationToken).ConfigureAwait(false);
        await DemoDirectory.SeedAsync(story.GetRequiredService<CrisisDirectoryService>(), cancellationToken).ConfigureAwait(false);

        clock.Now = start.AddHours(6).AddMinutes(30);
        Check(await situation.TakeAsync(id, new SituationInput(
            "EXERCICE — Situation stabilisée : prise en charge sur papier dans tous les services, urgences adultes en délestage sauf maternité. " +
            "Risque principal : fuite de données patients (à confirmer avec le prestataire). Besoin : renfort informatique du GHT dès 8 h.",
            clock.Now.AddHours(2)), Director, cancellationToken).ConfigureAwait(false));

        // The exercise itself: who plays what, DEBEX 20 minutes ago in real time, the stimuli due by now delivered; the
        // server's clock delivers the next ones live.
        Check(await exercises.SetParticipantAsync(id, Director, ["directeur_crise", "administrateur_garde", "directeur_soins"], Animator, cancellationToken).ConfigureAwait(false));
        Check(await exercises.SetParticipantAsync(id, Member, ["rssi", "dsi", "informatique", "communication", "cadre_sante", "medecin_urgences", "standard", "dpo"], Animator, cancellationToken).ConfigureAwait(false));
        clock.Now = now.AddMinutes(-20);
        Check(await exercises.StartAsync(id, 1, Animator, cancellationToken).ConfigureAwait(false));
        clock.Now = now;
        await exercises.DeliverDueAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync("demo", "demo.seed", $"incident:{id}", "vigie serve --demo", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DemoResult(accounts, id, HospitalName);
    }

    private static async Task<IReadOnlyList<DemoAccount>> CreateAccountsAsync(AccountService accounts, CancellationToken cancellationToken)
    {
        var created = new List<DemoAccount>();
        foreach (var (name, role, display) in new[]
        {
            ("demo-admin", UserRole.Admin, "Administrateur (démo)"),
            (Director, UserRole.Directeur, "Directrice de crise (démo)"),
            (Member, UserRole.Membre, "Membre de la cellule (démo)"),
            (Desk, UserRole.Accueil, "Agent d'accueil (démo)"),
            ("demo-observateur", UserRole.Observateur, "ARS, observateur (démo)"),
            (Animator, UserRole.Animateur, "Cellule d'animation (démo)"),
        })
        {
            var password = PasswordPolicy.Generate(name, display);
            Check(await accounts.CreateUserAsync(name, display, role, password, "demo", cancellationToken).ConfigureAwait(false));
            created.Add(new DemoAccount(name, role, password));
        }

        return created;
    }

    private static async Task Journal(JournalService journal, DemoClock clock, long id, DateTimeOffset occurred, JournalKind kind, string text, CancellationToken cancellationToken)
    {
        if (clock.Now < occurred)
        {
            clock.Now = occurred;
        }

        Check(await journal.AppendAsync(id, kind == JournalKind.Fait ? "demo-membre" : Director, new NewJournalEntry(kind, CommandPost.Common.FrenchText.Typeset(text), occurred), cancellationToken).ConfigureAwait(false));
    }

    private static T Check<T>(CommandPost.Common.Result<T> result) =>
        result.IsOk ? result.Value : throw new InvalidOperationException($"The demo data could not be created: {result.Problem.Message}");
}
