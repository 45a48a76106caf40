using System.Text.RegularExpressions;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Deadlines;
using Vigie.Hunt;
using Vigie.Testing;

namespace Vigie.CommandPost.Tests.Journal;

/// <summary>
/// Every text the server writes into the journal is for people in the hospital: it gives local times with the zone
/// stated ("20:00 (heure de Paris)"), never an ISO or UTC timestamp, and reads as French (typography, numbers). The test
/// drives each feature's system-written entries, then reads the whole journal back.
/// </summary>
public sealed partial class SystemJournalTextTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    // Each link type a feature gives to the entries it writes: the drive below must reach them all.
    private static readonly string[] s_expectedLinks =
    [
        "incident", "role", "phase", "action", "situation", "service", "diversion", "redirection", "deadline_question", "deadline_event", "deadline",
        "checklist", "checklist_item", "remediation", "key_time", "finding-run", "finding",
    ];

    [Theory, MemberData(nameof(Kinds))]
    public async Task SystemTexts_GiveLocalTimesWithTheZone_NeverUtc_AndReadAsFrench(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var core = p.Core;
        var incident = await p.NewIncidentAsync();
        var id = incident.Id;
        const string Author = "directeur";

        // The crisis cell, the phase, actions (one due at 20:00 in Paris, 19:00 UTC), a situation point.
        Check(await core.Cell.AssignAsync(id, "directeur_crise", "Mme Lefebvre", Author));
        Check(await core.Cell.AssignAsync(id, "directeur_crise", "M. Dubois", Author));
        Check(await core.Incidents.ChangePhaseAsync(id, IncidentPhase.Crise, Author));
        var dueAt20 = new DateTimeOffset(2024, 2, 11, 19, 0, 0, TimeSpan.Zero);
        var action = Check(await core.Actions.CreateAsync(id, new NewAction("Déposer plainte", "Direction", dueAt20), Author));
        Check(await core.Actions.ChangeAsync(id, action.Id, new ActionChange(DueAt: dueAt20.AddHours(1)), Author));
        Check(await core.Actions.ChangeAsync(id, action.Id, new ActionChange(Status: ActionStatus.EnCours), Author));
        Check(await core.Situation.TakeAsync(id, Author));

        // The services board, a diversion reviewed and ended, a re-evaluation reminder.
        var sites = core.Get<SiteCatalogService>();
        var site = Check(await sites.CreateSiteAsync(new SiteInput("Site principal", "1 rue de l'Exemple, 59280 Armentières", 50.6880, 2.8820), withDefaultServices: true, "admin"));
        var units = await sites.ListServicesAsync(site.Id);
        var board = core.Get<BoardService>();
        var now = p.Clock.GetUtcNow();
        Check(await board.ChangeStatusAsync(id, units.Single(u => u.Code == "dpi").Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés", now.AddHours(1), now.AddHours(30)), Author));
        Check(await board.ChangeStatusAsync(id, units.Single(u => u.Code == "urgences_adultes").Id, new StatusChange(ServiceStatus.Ferme, "DPI indisponible",
            PlannedReopenAt: now.AddHours(24), Diversion: new DiversionRequest("sauf_maternite", PlannedEndAt: now.AddHours(24), ReviewIntervalMinutes: 12 * 60)), Author));
        var diversions = core.Get<DiversionService>();
        var diversion = (await diversions.ListAsync(id)).Single();
        Check(await diversions.ReviewAsync(id, diversion.Id, new DiversionReview("Toujours sans DPI", now.AddHours(36), 6 * 60), Author));
        p.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await core.Get<ReevaluationReminders>().RunDueAsync() > 0, "the DPI's re-evaluation is due: a reminder is written");
        Check(await diversions.EndAsync(id, diversion.Id, "DPI rétabli", ServiceStatus.Degrade, Author));

        // The desk: a patient redirected (a distance in km with a decimal comma), a vital emergency kept on site.
        var facilities = core.Get<FacilityService>();
        Check(await facilities.ImportSampleAsync("admin"));
        var redirections = core.Get<RedirectionService>();
        var destination = Check(await redirections.SuggestAsync(site.Id, null, 1961)).Recommended.First().Facility;
        Check(await redirections.CreateAsync(id, new NewRedirection(site.Id, null, "J.D.", 1961, "homme", "Douleur thoracique", 3, true, null, destination.Id, "ambulance"), "accueil"));
        Check(await redirections.CreateAsync(id, new NewRedirection(site.Id, null, "S.B.", 1971, "femme", "Arrêt cardio-respiratoire", 1, false, null, null, null), "accueil"));

        // Deadlines: an answer, a start event, a notification sent then cancelled, a final draft, reminders.
        Check(await p.Deadlines.AnswerAsync(id, "personal_data", ApplicabilityAnswer.Oui, Author));
        Check(await p.Deadlines.SetEventAsync(id, "breach_awareness", p.Clock.GetUtcNow().AddMinutes(-30), Author));
        Check(await p.Deadlines.MarkSentAsync(id, "ars_cert_sante", p.Clock.GetUtcNow().AddMinutes(-10), "ARS-2024-118", Author));
        Check(await p.Deadlines.CancelSentAsync(id, "ars_cert_sante", "saisi sur le mauvais incident", Author));
        var draft = Check(await p.Deadlines.GetDraftAsync(id, "cnil"));
        Check(await p.Deadlines.SaveDraftAsync(id, "cnil", draft.Text, final: true, Author));
        p.Clock.Advance(TimeSpan.FromHours(80));
        Assert.True(await p.Deadlines.EmitRemindersAsync() > 0, "deadlines have passed: reminders are written");

        // A reflex checklist, the remediation plan, the RETEX's key times.
        var checklist = Check(await p.Checklists.ApplyAsync(id, "ransomware", Author));
        Check(await p.Checklists.CheckAsync(id, checklist.Id, checklist.Items[0].Id, true, "Câbles débranchés", Author));
        Check(await p.Checklists.CheckAsync(id, checklist.Id, checklist.Items[0].Id, false, null, Author));
        var measure = Check(await p.Remediation.CreateAsync(id, new NewMeasure("MFA sur le VPN", CareDomain.AccesDistants, "RSSI", p.Clock.GetUtcNow().AddDays(10)), Author));
        Check(await p.Remediation.ChangeAsync(id, measure.Id, new MeasureChange(DueAt: p.Clock.GetUtcNow().AddDays(12)), Author));
        Check(await p.Reports.SetKeyTimeAsync(id, KeyTime.Isolement, PostIncident.Detected.AddHours(1), Author));
        Check(await p.Reports.SetKeyTimeAsync(id, KeyTime.Isolement, null, Author));

        // Findings: 1,218 detections imported (a count with a thousands separator), one pinned to the journal.
        var rows = Enumerable.Range(0, 1218).Select(i => new HuntDetection
        {
            Timestamp = new DateTime(2024, 2, 11, 0, 30, 0, DateTimeKind.Utc).AddSeconds(i),
            Computer = "DC1.corp",
            Channel = "Security",
            EventId = 4624,
            RecordId = i,
            RuleTitle = "Pass the hash",
            RuleId = "r-pth",
            Level = HuntLevel.High,
            Tactics = ["lateral-movement"],
            Author = "Équipe SOC",
            Details = [new("TargetUserName", $"user{i}")],
        }).ToList();
        Check(await core.Findings.ImportAsync(id, "run1", 0, true, rows, [], "hunter"));
        var finding = Check(await core.Findings.ListAsync(id, new Vigie.CommandPost.Findings.FindingFilter(), null, 1)).Items[0];
        Check(await core.Findings.PinAsync(id, finding.Id, Author, null));

        var entries = await core.Journal.ListAsync(id, new JournalQuery(Limit: 1000));
        var links = entries.Where(e => e.Link is not null).Select(e => e.Link!.Type).ToHashSet();
        Assert.All(s_expectedLinks, link => Assert.Contains(link, links));

        var mistakes = new List<string>();
        foreach (var entry in entries)
        {
            if (IsoOrUtc().Match(entry.Text) is { Success: true } iso)
            {
                mistakes.Add($"n°{entry.Seq} ({entry.Link?.Type}): an ISO/UTC time '{iso.Value}' in \"{entry.Text}\"");
            }

            if (LocalTime().IsMatch(entry.Text) && !entry.Text.Contains("(heure de Paris)", StringComparison.Ordinal))
            {
                mistakes.Add($"n°{entry.Seq} ({entry.Link?.Type}): a time without its zone in \"{entry.Text}\"");
            }

            // The final draft's body is the letter as the cell edited it; its header is the server's.
            var text = entry.Link?.Type == "deadline" && entry.Text.Contains("\n\n", StringComparison.Ordinal) ? entry.Text[..entry.Text.IndexOf("\n\n", StringComparison.Ordinal)] : entry.Text;
            mistakes.AddRange(FrenchTypography.Mistakes(text).Select(m => $"n°{entry.Seq} ({entry.Link?.Type}): {m}"));
        }

        Assert.True(mistakes.Count == 0, string.Join("\n", mistakes));

        // The example of the issue: the legal record says 20:00, in Paris.
        var created = entries.Single(e => e.Link is { Type: "action" } && e.Text.Contains("créée", StringComparison.Ordinal));
        Assert.Contains("échéance 11/02/2024 20:00 (heure de Paris)", created.Text, StringComparison.Ordinal);
        Assert.Contains("1\u202F218 détection(s)", entries.Single(e => e.Link?.Type == "finding-run").Text, StringComparison.Ordinal);
        Assert.Matches(@"\(\d+(,\d)? km, environ \d+ min\)", entries.Single(e => e.Link?.Type == "redirection" && e.Text.StartsWith("Réorientation", StringComparison.Ordinal)).Text);
    }

    private static T Check<T>(Vigie.CommandPost.Common.Result<T> result)
    {
        Assert.True(result.IsOk, result.Problem?.Message);
        return result.Value;
    }

    // 2024-02-11T19:00, 19:00:00Z, 19:00:00.000000Z, "UTC", "Z)" after a time.
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z\b|\bUTC\b|\bGMT\b")]
    private static partial Regex IsoOrUtc();

    [GeneratedRegex(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")]
    private static partial Regex LocalTime();
}
