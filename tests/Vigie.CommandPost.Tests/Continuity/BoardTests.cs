using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>The services board, diversions and re-evaluation reminders, on SQLite and PostgreSQL.</summary>
public sealed class BoardTests
{
    // Sunday 11 February 2024, 05:40 in Armentières (UTC+1).
    private static readonly DateTimeOffset s_start = new(2024, 2, 11, 4, 40, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangeStatus_JournalsTheChange_AndTheBoardShowsIt(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var dpi = await s.ServiceAsync(site, "dpi");

        var changed = await s.Board.ChangeStatusAsync(incident.Id, dpi.Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés", s_start.AddHours(4)), "dsi");
        Assert.True(changed.IsOk, changed.Problem?.Message);
        var entry = await s.Core.Journal.GetAsync(incident.Id, changed.Value.JournalSeq!.Value);
        Assert.Equal(JournalKind.Fait, entry!.Kind);
        Assert.Equal(("service", dpi.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Link!.Type, entry.Link.Id));
        Assert.Equal("Site principal / DPI (dossier patient informatisé)\u202F: normal → arrêté. Motif\u202F: Serveurs chiffrés. Réévaluation\u202F: 11/02/2024 09:40 (heure de Paris).", entry.Text);

        var board = (await s.Board.GetAsync(incident.Id))!;
        var line = board.All.Single(l => l.Service.Id == dpi.Id);
        Assert.Equal((ServiceStatus.Ferme, "Serveurs chiffrés", s_start, s_start.AddHours(4)), (line.Status, line.Reason, line.Since, line.NextReviewAt));
        Assert.Equal(20, board.All.Count());
        Assert.Equal(1, board.NotNormal);
        Assert.Equal(0, board.Overdue);

        // Same decision twice: a conflict, nothing journaled.
        var count = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;
        var again = await s.Board.ChangeStatusAsync(incident.Id, dpi.Id, new StatusChange(ServiceStatus.Ferme, "Serveurs chiffrés", s_start.AddHours(4)), "dsi");
        Assert.Equal(ProblemKind.Conflict, again.Problem!.Kind);
        Assert.Equal(count, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);

        // A board belongs to its incident: an exercise running alongside sees its own.
        var exercise = await s.NewIncidentAsync("EXERCICE — plan blanc");
        Assert.Equal(0, (await s.Board.GetAsync(exercise.Id))!.NotNormal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangeStatus_WhenInputIsBad_RefusesWithTheFieldAndWritesNothing(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var ed = await s.ServiceAsync(site, "urgences_adultes");
        var internet = await s.ServiceAsync(site, "internet");
        var before = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;

        Assert.Equal("reason", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Degrade, " "), "d")).Problem!.Field);
        Assert.Equal("nextReviewAt", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Degrade, "x", s_start.AddHours(-1)), "d")).Problem!.Field);
        Assert.Equal("status", (await s.Board.ChangeStatusAsync(incident.Id, internet.Id, new StatusChange(ServiceStatus.Diversion, "x"), "d")).Problem!.Field);
        Assert.Equal("diversion.category", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Ferme, "Chiffrement"), "d")).Problem!.Field);
        Assert.Equal("diversion.category", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id,
            new StatusChange(ServiceStatus.Ferme, "Chiffrement", Diversion: new DiversionRequest("partielle")), "d")).Problem!.Field);
        Assert.Equal("diversion.customCategory", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id,
            new StatusChange(ServiceStatus.Ferme, "Chiffrement", Diversion: new DiversionRequest("autre")), "d")).Problem!.Field);
        Assert.Equal("diversion.reviewIntervalMinutes", (await s.Board.ChangeStatusAsync(incident.Id, ed.Id,
            new StatusChange(ServiceStatus.Ferme, "Chiffrement", Diversion: new DiversionRequest("totale", ReviewIntervalMinutes: 5)), "d")).Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, (await s.Board.ChangeStatusAsync(999, ed.Id, new StatusChange(ServiceStatus.Degrade, "x"), "d")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await s.Board.ChangeStatusAsync(incident.Id, 9999, new StatusChange(ServiceStatus.Degrade, "x"), "d")).Problem!.Kind);
        Assert.Equal(ProblemKind.Conflict, (await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Normal, null), "d")).Problem!.Kind);

        Assert.Equal(before, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);
        Assert.Equal(0, (await s.Board.GetAsync(incident.Id))!.NotNormal);
        Assert.Empty(await s.Diversions.ListAsync(incident.Id));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ClosingTheEmergencyDepartment_OpensADiversion_ReviewedThenEnded_AllJournaled(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var ed = await s.ServiceAsync(site, "urgences_adultes");

        var closed = await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Ferme, "DPI indisponible", PlannedReopenAt: s_start.AddHours(24),
            Diversion: new DiversionRequest("sauf_maternite", PlannedEndAt: s_start.AddHours(24), ReviewIntervalMinutes: 720)), "directeur");
        Assert.True(closed.IsOk, closed.Problem?.Message);
        var diversion = Assert.Single(await s.Diversions.ListAsync(incident.Id));
        Assert.Equal((DiversionCategory.SaufMaternite, s_start, s_start.AddHours(24), 720, s_start.AddHours(12), true),
            (diversion.Category, diversion.StartedAt, diversion.PlannedEndAt, diversion.ReviewIntervalMinutes, diversion.NextReviewAt, diversion.IsActive));
        Assert.Equal(diversion.Id, closed.Value.DiversionId);
        Assert.Equal(s_start.AddHours(12), closed.Value.NextReviewAt);
        var opened = await s.Core.Journal.GetAsync(incident.Id, diversion.JournalSeq);
        Assert.Equal(("diversion", JournalKind.Decision), (opened!.Link!.Type, opened.Kind));
        Assert.Contains("sauf maternité, depuis le 11/02/2024 05:40 (heure de Paris), fin prévue le 12/02/2024 05:40, réévaluation toutes les 12 h (prochaine\u202F: 11/02/2024 17:40)", opened.Text, StringComparison.Ordinal);

        // A second diversion on the same unit is refused while one is in force.
        var twice = await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Diversion, "x", Diversion: new DiversionRequest("totale")), "directeur");
        Assert.Equal(ProblemKind.Conflict, twice.Problem!.Kind);

        time.Advance(TimeSpan.FromHours(12));
        var reviewed = await s.Diversions.ReviewAsync(incident.Id, diversion.Id, new DiversionReview("Reprise du DPI non confirmée"), "directeur");
        Assert.Equal((1, s_start.AddHours(24)), (reviewed.Value.Reviews, reviewed.Value.NextReviewAt));
        var line = (await s.Board.GetAsync(incident.Id))!.All.Single(l => l.Service.Id == ed.Id);
        Assert.Equal(s_start.AddHours(24), line.NextReviewAt);

        time.Advance(TimeSpan.FromHours(3));
        var ended = await s.Diversions.EndAsync(incident.Id, diversion.Id, "DPI restauré", ServiceStatus.Degrade, "directeur");
        Assert.True(ended.IsOk, ended.Problem?.Message);
        Assert.Equal(ProblemKind.Conflict, (await s.Diversions.EndAsync(incident.Id, diversion.Id, null, ServiceStatus.Normal, "directeur")).Problem!.Kind);
        line = (await s.Board.GetAsync(incident.Id))!.All.Single(l => l.Service.Id == ed.Id);
        Assert.Equal((ServiceStatus.Degrade, (DateTimeOffset?)null, (long?)null), (line.Status, line.NextReviewAt, line.DiversionId));
        var last = (await s.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.StartsWith($"Fin du délestage n°{diversion.Id} (Site principal / Urgences adultes, sauf maternité, depuis le 11/02/2024 05:40 (heure de Paris))\u202F: service mode dégradé. Motif\u202F: DPI restauré.", last.Text, StringComparison.Ordinal);
        Assert.True((await s.Core.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ReopeningTheUnitFromTheBoard_EndsItsDiversion(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_start));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var maternity = await s.ServiceAsync(site, "maternite");
        Assert.True((await s.Board.ChangeStatusAsync(incident.Id, maternity.Id,
            new StatusChange(ServiceStatus.Diversion, "Monitoring hors service", Diversion: new DiversionRequest("autre", "Accouchements programmés")), "directeur")).Problem is null);
        var reopened = await s.Board.ChangeStatusAsync(incident.Id, maternity.Id, new StatusChange(ServiceStatus.Normal, null), "directeur");
        Assert.Null(reopened.Value.DiversionId);
        var diversion = Assert.Single(await s.Diversions.ListAsync(incident.Id));
        Assert.False(diversion.IsActive);
        Assert.Equal("Accouchements programmés", diversion.CategoryText);
        var last = (await s.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(("diversion", $"Fin du délestage n°{diversion.Id} (Site principal / Maternité, Accouchements programmés)\u202F: service normal."), (last.Link!.Type, last.Text));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task DueReevaluation_StandsOutOnTheBoard_AndIsRemindedOnceInTheJournal(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var ed = await s.ServiceAsync(site, "urgences_adultes");
        var changes = new List<IncidentChange>();
        s.Core.Database.Feed.Changed += changes.Add;
        await s.Board.ChangeStatusAsync(incident.Id, ed.Id, new StatusChange(ServiceStatus.Ferme, "Chiffrement",
            Diversion: new DiversionRequest("totale", ReviewIntervalMinutes: 12 * 60)), "directeur");
        Assert.Equal(s_start.AddHours(12), await s.Reminders.NextDueAsync());
        Assert.Equal(0, await s.Reminders.RunDueAsync());

        time.Advance(TimeSpan.FromHours(12).Add(TimeSpan.FromMinutes(1)));
        var board = (await s.Board.GetAsync(incident.Id))!;
        Assert.Equal(1, board.Overdue);
        Assert.True(board.ActiveDiversions.Single().IsReviewOverdue(time.GetUtcNow()));
        changes.Clear();
        Assert.Equal(1, await s.Reminders.RunDueAsync());
        Assert.Contains(changes, c => c.IncidentId == incident.Id && c.Topic == ContinuityTopics.Services);
        var reminder = (await s.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal((JournalKind.Note, ContinuityTopics.SystemAuthor), (reminder.Kind, reminder.Author));
        Assert.StartsWith("Rappel\u202F: réévaluation due pour Site principal / Urgences adultes (délestage n°", reminder.Text, StringComparison.Ordinal);
        Assert.EndsWith("fermé), prévue le 11/02/2024 17:40 (heure de Paris).", reminder.Text, StringComparison.Ordinal);

        // Once per due time: nothing more until it is re-evaluated and due again.
        Assert.Equal(0, await s.Reminders.RunDueAsync());
        Assert.Null(await s.Reminders.NextDueAsync());
        var diversion = board.ActiveDiversions.Single();
        await s.Diversions.ReviewAsync(incident.Id, diversion.Id, new DiversionReview(null, ReviewIntervalMinutes: 60), "directeur");
        Assert.Equal(0, (await s.Board.GetAsync(incident.Id))!.Overdue);
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await s.Reminders.RunDueAsync());

        // A closed incident gets no reminders.
        await s.Core.Incidents.ChangePhaseAsync(incident.Id, Vigie.CommandPost.Incidents.IncidentPhase.Cloture, "directeur");
        time.Advance(TimeSpan.FromHours(2));
        await s.Diversions.ReviewAsync(incident.Id, diversion.Id, new DiversionReview(null, ReviewIntervalMinutes: 15), "directeur");
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await s.Reminders.RunDueAsync());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SiteLists_AreEditable_AndNamesUniquePerSite(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind);
        var site = await s.NewSiteAsync();
        Assert.Equal(10, (await s.Sites.ListServicesAsync(site.Id)).Count(x => x.Category == ServiceCategory.Clinique));
        Assert.Equal(ProblemKind.Conflict, (await s.Sites.CreateSiteAsync(new SiteInput("SITE PRINCIPAL", null, 50, 3), false, "admin")).Problem!.Kind);
        Assert.Equal("latitude", (await s.Sites.CreateSiteAsync(new SiteInput("Autre", null, 95, 3), false, "admin")).Problem!.Field);

        var added = await s.Sites.AddServiceAsync(site.Id, new ServiceInput("Dialyse", "clinique"), "admin");
        Assert.Equal((ServiceCategory.Clinique, 110), (added.Value.Category, added.Value.Sort));
        Assert.Equal("name", (await s.Sites.AddServiceAsync(site.Id, new ServiceInput("dialyse", "clinique"), "admin")).Problem!.Field);
        Assert.Equal("category", (await s.Sites.AddServiceAsync(site.Id, new ServiceInput("Scanner", "radio"), "admin")).Problem!.Field);
        Assert.Equal("emergency", (await s.Sites.AddServiceAsync(site.Id, new ServiceInput("Urgences SI", "si", Emergency: true), "admin")).Problem!.Field);

        var renamed = await s.Sites.UpdateServiceAsync(site.Id, added.Value.Id, new ServiceInput("Hémodialyse", "clinique"), active: false, "admin");
        Assert.Equal(("Hémodialyse", false), (renamed.Value.Name, renamed.Value.Active));
        Assert.DoesNotContain(await s.Sites.ListServicesAsync(site.Id), x => x.Id == added.Value.Id);
        Assert.Contains(await s.Sites.ListServicesAsync(site.Id, includeInactive: true), x => x.Id == added.Value.Id);
        Assert.Equal(ProblemKind.NotFound, (await s.Sites.UpdateServiceAsync(site.Id + 1, added.Value.Id, new ServiceInput("x", "si"), true, "admin")).Problem!.Kind);
        var audit = await s.Core.Audit.RecentAsync();
        Assert.Contains(audit, a => a.Action == "service.update" && a.Detail!.Contains("Dialyse → Hémodialyse", StringComparison.Ordinal));
    }
}
