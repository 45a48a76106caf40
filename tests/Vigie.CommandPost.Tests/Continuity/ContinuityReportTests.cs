using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Reports;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>Continuity of care in the post-incident report and the drafts: ED closure and reopening, downtime periods, redirected patients.</summary>
public sealed class ContinuityReportTests
{
    // Sunday 11 February 2024, 05:40 in Armentières (UTC+1).
    private static readonly DateTimeOffset s_start = new(2024, 2, 11, 4, 40, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static NewRedirection Patient(long siteId, long? facilityId, int triage, DateTimeOffset arrived) =>
        new(siteId, arrived, "J.D.", 1961, "homme", "Douleur", triage, true, null, facilityId, triage == 1 ? null : "ambulance");

    private static ContinuityReportContributor Contributor(ContinuityServices s) => new(s.Core.Database, s.Diversions, s.Redirections);

    private static ReportContext Context(Incident incident, string culture, DateTimeOffset now) => new(incident, CultureInfo.GetCultureInfo(culture), s_paris, now);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Report_TheArmentieresNight_GivesEdTimesDowntimeAndRedirections(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync("CH d'Armentières");
        var ed = await s.ServiceAsync(site, "urgences_adultes");
        var dpi = await s.ServiceAsync(site, "dpi");
        var lille = await s.NewFacilityAsync("CHU de Lille", 50.6114609, 3.037601, "urgences_adultes", "590796975");

        // 05:40 the ED closes (total diversion) and the patient record system is stopped.
        var closed = await s.Board.ChangeStatusAsync(incident.Id, ed.Id,
            new StatusChange(ServiceStatus.Ferme, "Rançongiciel", Diversion: new DiversionRequest("totale", ReviewIntervalMinutes: 12 * 60)), "directeur");
        Assert.True(closed.IsOk, closed.Problem?.Message);
        Assert.True((await s.Board.ChangeStatusAsync(incident.Id, dpi.Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés"), "dsi")).IsOk);

        // 06:10 and 07:00: two patients at the desk, one sent to Lille, one vital emergency kept.
        time.SetUtcNow(s_start.AddMinutes(30));
        Assert.True((await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, lille.Id, 3, s_start.AddMinutes(30)), "accueil")).IsOk);
        time.SetUtcNow(s_start.AddMinutes(80));
        Assert.True((await s.Redirections.CreateAsync(incident.Id, Patient(site.Id, null, 1, s_start.AddMinutes(80)), "accueil")).IsOk);

        // The next day 17:40 the patient record works on paper (degraded); two days later 07:40 the ED reopens.
        time.SetUtcNow(s_start.AddHours(36));
        Assert.True((await s.Board.ChangeStatusAsync(incident.Id, dpi.Id, new StatusChange(ServiceStatus.Degrade, "Mode papier"), "dsi")).IsOk);
        time.SetUtcNow(s_start.AddHours(50));
        var midway = Context(incident, "fr-FR", time.GetUtcNow());
        var contributor = Contributor(s);
        var before = await contributor.KeyTimesAsync(midway, default);
        // The patient record system stopped at 05:40 is also the first sign of the network's isolation.
        Assert.Equal([(KeyTime.FermetureUrgences, s_start), (KeyTime.Isolement, s_start)], before.Select(k => (k.Key, k.At)));
        Assert.Equal(
            ["CH d'Armentières / Urgences adultes : fermé depuis le 11/02/2024 05:40", "CH d'Armentières / DPI (dossier patient informatisé) : mode dégradé depuis le 12/02/2024 17:40 (arrêté le 11/02/2024 05:40)"],
            await contributor.AffectedAsync(midway, default));

        var diversion = closed.Value.DiversionId!.Value;
        Assert.True((await s.Diversions.EndAsync(incident.Id, diversion, "DPI restauré", ServiceStatus.Normal, "directeur")).IsOk);
        time.SetUtcNow(s_start.AddHours(60));
        var context = Context(incident, "fr-FR", time.GetUtcNow());

        var keyTimes = await contributor.KeyTimesAsync(context, default);
        Assert.Equal([(KeyTime.FermetureUrgences, s_start), (KeyTime.Isolement, s_start), (KeyTime.ReouvertureUrgences, s_start.AddHours(50))], keyTimes.Select(k => (k.Key, k.At)));
        Assert.Contains("Urgences adultes", keyTimes[0].Source, StringComparison.Ordinal);
        Assert.Equal(
            ["CH d'Armentières / DPI (dossier patient informatisé) : mode dégradé depuis le 12/02/2024 17:40 (arrêté le 11/02/2024 05:40)",
             "CH d'Armentières / Urgences adultes : fermé du 11/02/2024 05:40 au 13/02/2024 07:40 (rétabli)"],
            await contributor.AffectedAsync(context, default));

        var sections = await contributor.SectionsAsync(context, default);
        Assert.Equal([("services_downtime", 30), ("redirections", 40)], sections.Select(x => (x.Key, x.Order)));
        var downtime = (ReportTable)sections[0].Blocks[1];
        Assert.Equal(["CH d'Armentières", "Urgences adultes", "fermé", "11/02/2024 05:40", "13/02/2024 07:40", "2 j 2 h"], downtime.Rows[0].Cells);
        Assert.Equal(["CH d'Armentières", "DPI (dossier patient informatisé)", "arrêté", "11/02/2024 05:40", "en cours", "2 j 12 h"], downtime.Rows[1].Cells);
        Assert.Equal((ReportTone.Normal, ReportTone.Warning), (downtime.Rows[0].Tone, downtime.Rows[1].Tone));
        var facts = ((ReportFacts)sections[0].Blocks[0]).Facts;
        Assert.Equal(["1", "1", "1"], facts.Take(3).Select(f => f.Value));

        var redirections = sections[1];
        var counts = ((ReportFacts)redirections.Blocks[0]).Facts;
        Assert.Equal(["2", "1", "1"], counts.Take(3).Select(f => f.Value));
        var diversions = (ReportTable)redirections.Blocks[1];
        Assert.Equal(["n°" + diversion.ToString(CultureInfo.InvariantCulture), "Urgences adultes (CH d'Armentières)", "totale", "11/02/2024 05:40", "13/02/2024 07:40", "0"], diversions.Rows[0].Cells);
        var destinations = (ReportTable)redirections.Blocks[2];
        Assert.Equal(["CHU de Lille", "590796975", "1", "0", "0", "1", "0", "0"], destinations.Rows.Single(r => r.Cells[0] == "CHU de Lille").Cells);
        Assert.Contains(destinations.Rows, r => r.Cells[0] == RedirectionService.KeptOnSiteLabel && r.Cells[3] == "1");
        Assert.DoesNotContain(sections.SelectMany(x => x.Blocks).OfType<ReportTable>().SelectMany(t => t.Rows).SelectMany(r => r.Cells), c => c.Contains("J.D.", StringComparison.Ordinal));

        var english = await contributor.SectionsAsync(Context(incident, "en-GB", time.GetUtcNow()), default);
        Assert.Equal(("Services downtime", "Redirected patients"), (english[0].Title, english[1].Title));
        Assert.Equal(["closed", "stopped"], ((ReportTable)english[0].Blocks[1]).Rows.Select(r => r.Cells[2]));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Report_WhenTheBoardWasNeverUsed_SaysSoAndGivesNoEdTime(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_start));
        var incident = await s.NewIncidentAsync();
        await s.NewSiteAsync();
        var context = Context(incident, "fr-FR", s_start);
        var contributor = Contributor(s);

        Assert.Empty(await contributor.KeyTimesAsync(context, default));
        Assert.Empty(await contributor.AffectedAsync(context, default));
        var sections = await contributor.SectionsAsync(context, default);
        Assert.Equal(["services_downtime", "redirections"], sections.Select(x => x.Key));
        Assert.All(sections, x => Assert.IsType<ReportParagraph>(Assert.Single(x.Blocks)));
    }
}
