using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>The redirection desk on SQLite and PostgreSQL: records, refusals, the vital-emergency exception, audit and counts.</summary>
public sealed class RedirectionTests
{
    // Sunday 11 February 2024, 10:00 in Armentières (UTC+1).
    private static readonly DateTimeOffset s_now = new(2024, 2, 11, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static NewRedirection Patient(long siteId, long? facilityId, int triage = 3, string transport = "ambulance", DateTimeOffset? arrived = null,
        string initials = "J.D.", string reason = "Douleur thoracique", bool ambulatory = true, int birthYear = 1961) =>
        new(siteId, arrived, initials, birthYear, "homme", reason, triage, ambulatory, null, facilityId, triage == 1 ? null : transport);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_RecordsTheDestination_JournalsWithoutPatientData_AndAuditsEveryRead(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_now);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var lille = await s.NewFacilityAsync("CHU de Lille – Hôpital Roger Salengro", 50.6114609, 3.037601, "urgences_adultes unv", "590796975");

        var created = await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, arrived: s_now.AddMinutes(-10)), "accueil");
        Assert.True(created.IsOk, created.Problem?.Message);
        var r = created.Value;
        Assert.Equal((1, "JD", 1961, Sex.Homme, 3, PatientNeed.UrgencesAdultes, RedirectionOutcome.Reoriente), (r.Number, r.Initials, r.BirthYear, r.Sex, r.Triage, r.Need, r.Outcome));
        Assert.Equal(("CHU de Lille – Hôpital Roger Salengro", "2 avenue Oscar Lambret, 59037 Lille", "03 20 44 59 62", "590796975"), (r.DestinationName, r.DestinationAddress, r.DestinationPhone, r.DestinationFiness));
        Assert.Equal(13.9, r.DistanceKm);
        Assert.Equal(22, r.DriveMinutes);

        var entry = (await s.Core.Journal.GetAsync(incident.Id, r.JournalSeq))!;
        Assert.Equal("Réorientation n°1 (Site principal)\u202F: tri 3, urgences adultes → CHU de Lille – Hôpital Roger Salengro, ambulance (13,9 km, environ 22 min).", entry.Text);
        Assert.Equal((JournalKind.Fait, s_now.AddMinutes(-10), "redirection", "1"), (entry.Kind, entry.OccurredAt, entry.Link!.Type, entry.Link.Id));
        Assert.DoesNotContain("JD", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1961", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("thoracique", entry.Text, StringComparison.Ordinal);

        var second = await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, initials: "ab", reason: "Entorse", triage: 5, transport: "moyens_propres"), "accueil");
        Assert.Equal(2, second.Value.Number);
        var list = await s.Redirections.ListAsync(incident.Id, "accueil");
        Assert.Equal([2, 1], list.Select(x => x.Number));
        var slip = await s.Redirections.GetAsync(incident.Id, 1, "accueil", "slip");
        Assert.Equal("Douleur thoracique", slip!.Reason);
        Assert.Null(await s.Redirections.GetAsync(incident.Id, 3, "accueil"));

        var audit = await s.Core.Audit.RecentAsync();
        Assert.Contains(audit, a => a.Action == "redirection.create" && a.Target == $"incident:{incident.Id}/redirection:1");
        Assert.Contains(audit, a => a.Action == "redirection.list" && a.Actor == "accueil" && a.Detail == "2 redirection(s)");
        Assert.Contains(audit, a => a.Action == "redirection.slip" && a.Target == $"incident:{incident.Id}/redirection:1");
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("JD", StringComparison.Ordinal) || (a.Detail ?? "").Contains("thoracique", StringComparison.Ordinal));
        Assert.True((await s.Core.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_ToAClosedFacility_IsRefusedWithAClearMessage_AndWritesNothing(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_now));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var hazebrouck = await s.NewFacilityAsync("Centre hospitalier d'Hazebrouck", 50.72924, 2.53988);
        await s.Facilities.SetStatusAsync(hazebrouck.Id, FacilityStatus.Ferme, "Urgences fermées cette nuit", "membre");
        var journal = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;

        var refused = await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, hazebrouck.Id), "accueil");
        Assert.Equal((ProblemKind.Conflict, "facilityId"), (refused.Problem!.Kind, refused.Problem.Field));
        Assert.Equal(ProblemCode.FacilityClosedSince, refused.Problem.Code);
        Assert.Equal("Centre hospitalier d'Hazebrouck is marked closed since 11/02/2024 10:00 (Paris time): it takes no patient. Choose another destination.",
            ProblemText.Render(refused.Problem, CultureInfo.GetCultureInfo("en-GB"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
        Assert.Empty(await s.Redirections.ListAsync(incident.Id, "accueil"));
        Assert.Equal(journal, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);

        var suggestions = (await s.Redirections.SuggestAsync(site.Id, null, 1961)).Value;
        Assert.Empty(suggestions.Ranked);
        Assert.Equal(hazebrouck.Id, suggestions.Closed.Single().Facility.Id);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Triage1_IsNeverSentAway_AndIsRecordedAsAnException(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_now));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var lille = await s.NewFacilityAsync("CHU", 50.6114609, 3.037601);

        var sentAway = await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, triage: 1) with { Transport = "smur_samu" }, "accueil");
        Assert.Equal("triage", sentAway.Problem!.Field);
        Assert.Empty(await s.Redirections.ListAsync(incident.Id, "accueil"));

        var kept = await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, null, triage: 1, reason: "Arrêt cardio-respiratoire"), "accueil");
        Assert.True(kept.IsOk, kept.Problem?.Message);
        Assert.Equal((RedirectionOutcome.UrgenceVitaleSurPlace, (long?)null, (Transport?)null, true), (kept.Value.Outcome, kept.Value.FacilityId, kept.Value.Transport, kept.Value.IsVitalException));
        var entry = (await s.Core.Journal.GetAsync(incident.Id, kept.Value.JournalSeq))!;
        Assert.Equal("Exception urgence vitale n°1 (Site principal)\u202F: patient tri 1 arrivé le 11/02/2024 10:00 (heure de Paris), pris en charge sur place, non réorienté.", entry.Text);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_WhenInputIsBad_NamesTheField(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_now));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var lille = await s.NewFacilityAsync("CHU", 50.6114609, 3.037601);
        var ok = Patient(site.Id, lille.Id);

        async Task<string?> Field(NewRedirection r) => (await s.Redirections.CreateAsync(incident.Id, r, "accueil")).Problem?.Field;
        Assert.Equal("initials", await Field(ok with { Initials = "Dupont" }));
        Assert.Equal("reason", await Field(ok with { Reason = "NIR 185057800608436" }));
        Assert.Equal("birthYear", await Field(ok with { BirthYear = 1850 }));
        Assert.Equal("birthYear", await Field(ok with { BirthYear = null }));
        Assert.Equal("sex", await Field(ok with { Sex = "autre" }));
        Assert.Equal("triage", await Field(ok with { Triage = 6 }));
        Assert.Equal("ambulatory", await Field(ok with { Ambulatory = null }));
        Assert.Equal("need", await Field(ok with { Need = "dentiste" }));
        Assert.Equal("arrivedAt", await Field(ok with { ArrivedAt = s_now.AddHours(1) }));
        Assert.Equal("arrivedAt", await Field(ok with { ArrivedAt = s_now.AddDays(-3) }));
        Assert.Equal("facilityId", await Field(ok with { FacilityId = null }));
        Assert.Equal("facilityId", await Field(ok with { FacilityId = 999 }));
        Assert.Equal("transport", await Field(ok with { Transport = "helicoptere" }));
        Assert.Equal("transport", await Field(ok with { Transport = "moyens_propres", Ambulatory = false }));
        Assert.Equal("transport", await Field(ok with { Transport = "moyens_propres", Triage = 2 }));
        Assert.Equal("siteId", await Field(ok with { SiteId = 999 }));
        Assert.Equal(ProblemKind.NotFound, (await s.Redirections.CreateAsync(999, ok, "accueil")).Problem!.Kind);

        await s.Core.Incidents.ChangePhaseAsync(incident.Id, Vigie.CommandPost.Incidents.IncidentPhase.Cloture, "directeur");
        Assert.Equal(ProblemKind.Conflict, (await s.Redirections.CreateAsync(incident.Id, ok, "accueil")).Problem!.Kind);
        Assert.Empty(await s.Redirections.ListAsync(incident.Id, "accueil"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Stats_CountByLocalHourDestinationAndTriage_AndExportForTheArs(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_now);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var lille = await s.NewFacilityAsync("CHU de Lille", 50.6114609, 3.037601, finess: "590796975");
        var lomme = await s.NewFacilityAsync("Saint-Philibert; Lomme", 50.6475, 2.9735);
        await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, triage: 3, arrived: s_now.AddMinutes(-70)), "accueil"); // 08:50 local
        await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, triage: 3, arrived: s_now.AddMinutes(-65)), "accueil"); // 08:55
        await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lomme.Id, triage: 4, arrived: s_now.AddMinutes(-5)), "accueil");  // 09:55
        await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, null, triage: 1, arrived: s_now), "accueil");                      // 10:00

        var stats = await s.Redirections.StatsAsync(incident.Id);
        Assert.Equal((4, 3, 1), (stats.Total, stats.Redirected, stats.KeptOnSite));
        Assert.Equal([1, 0, 2, 1, 0], stats.ByTriage);
        Assert.Equal([(new DateTimeOffset(2024, 2, 11, 7, 0, 0, TimeSpan.Zero), 2), (s_now.AddHours(-1), 1), (s_now, 1)], stats.ByHour.Select(h => (h.Start, h.Count)));
        Assert.Equal([("CHU de Lille", 2), ("Pris en charge sur place (urgence vitale, tri 1)", 1), ("Saint-Philibert; Lomme", 1)], stats.ByDestination.Select(d => (d.Name, d.Count)));

        var csv = await s.Redirections.ExportCsvAsync(incident.Id, "observateur");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([
            "incident;debut_heure;fin_heure;destination;finess;tri;patients",
            $"{id};2024-02-11T08:00+01:00;2024-02-11T09:00+01:00;CHU de Lille;590796975;3;2",
            $"{id};2024-02-11T09:00+01:00;2024-02-11T10:00+01:00;\"Saint-Philibert; Lomme\";;4;1",
            $"{id};2024-02-11T10:00+01:00;2024-02-11T11:00+01:00;Pris en charge sur place (urgence vitale, tri 1);;1;1",
        ], lines);
        Assert.DoesNotContain("JD", csv, StringComparison.Ordinal);
        Assert.Contains(await s.Core.Audit.RecentAsync(), a => a.Action == "redirection.export" && a.Actor == "observateur");

        var empty = await s.NewIncidentAsync("Autre");
        Assert.Equal("incident;debut_heure;fin_heure;destination;finess;tri;patients", (await s.Redirections.ExportCsvAsync(empty.Id, "observateur")).Trim());
    }
}
