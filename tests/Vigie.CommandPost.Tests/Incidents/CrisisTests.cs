using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Incidents;

/// <summary>Incidents, phases, roles, actions and situation points: every change lands in the journal.</summary>
public sealed class CrisisTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_JournalsTheDeclaration_AndValidatesInput(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var detected = DateTimeOffset.UtcNow.AddHours(-4);
        var created = await s.Incidents.CreateAsync(new NewIncident("Rançongiciel LockBit", IncidentKind.Cyber, detected, Severity.Critique, "Armentières"), "directeur");
        Assert.Equal(IncidentPhase.Detection, created.Value.Phase);
        Assert.Equal(Time.Truncate(detected), created.Value.DetectedAt);
        var first = (await s.Journal.ListAsync(created.Value.Id, new JournalQuery())).Single();
        Assert.Contains("Rançongiciel LockBit", first.Text, StringComparison.Ordinal);
        Assert.Equal(Time.Truncate(detected), first.OccurredAt);

        Assert.Equal("title", (await s.Incidents.CreateAsync(new NewIncident(" ", IncidentKind.Cyber), "d")).Problem!.Field);
        Assert.Equal("detectedAt", (await s.Incidents.CreateAsync(new NewIncident("x", IncidentKind.Cyber, DateTimeOffset.UtcNow.AddHours(1)), "d")).Problem!.Field);
        Assert.Single(await s.Incidents.ListAsync());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ChangePhase_JournalsTheDecision_AndRefusesTheSamePhase(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var changed = await s.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Confinement, "directeur");
        Assert.Equal(IncidentPhase.Confinement, changed.Value.Phase);
        var last = (await s.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal((JournalKind.Decision, "phase", "confinement"), (last.Kind, last.Link!.Type, last.Link.Id));
        Assert.Equal(ProblemKind.Conflict, (await s.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Confinement, "d")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await s.Incidents.ChangePhaseAsync(999, IncidentPhase.Crise, "d")).Problem!.Kind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Assign_JournalsEachHandover(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var roles = await s.Cell.ListRolesAsync();
        Assert.Contains(roles, r => r.Key == "directeur_crise");
        Assert.Equal(8, roles.Count);
        await s.Cell.AssignAsync(incident.Id, "rssi", "Claire Martin", "directeur");
        var handover = await s.Cell.AssignAsync(incident.Id, "rssi", "Paul Durand", "directeur");
        Assert.True(handover.IsOk);
        var current = Assert.Single(await s.Cell.CurrentAsync(incident.Id));
        Assert.Equal("Paul Durand", current.Person);
        var entry = await s.Journal.GetAsync(incident.Id, handover.Value.JournalSeq);
        Assert.Contains("Claire Martin → Paul Durand", entry!.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await s.Cell.HistoryAsync(incident.Id)).Count);
        Assert.Equal(ProblemKind.NotFound, (await s.Cell.AssignAsync(incident.Id, "astronaute", "x", "d")).Problem!.Kind);
        Assert.Equal(ProblemKind.Conflict, (await s.Cell.AssignAsync(incident.Id, "rssi", "Paul Durand", "d")).Problem!.Kind);

        Assert.True((await s.Cell.SaveRoleAsync("cadre_sante", "Cadre de santé", "Head nurse", null, true, "admin")).IsOk);
        Assert.True((await s.Cell.AssignAsync(incident.Id, "cadre_sante", "Anne", "directeur")).IsOk);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Actions_AreJournaled_AndOverdueOnesStandOut(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 2, 11, 5, 40, 0, TimeSpan.Zero));
        await using var s = await Services.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var action = (await s.Actions.CreateAsync(incident.Id, new NewAction("Imprimer les dossiers des patients", "Cadre de santé", time.GetUtcNow().AddHours(1)), "membre")).Value;
        Assert.False(action.IsOverdue(time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(2));
        var listed = Assert.Single(await s.Actions.ListAsync(incident.Id));
        Assert.True(listed.IsOverdue(time.GetUtcNow()));
        var done = await s.Actions.ChangeAsync(incident.Id, action.Id, new ActionChange(ActionStatus.Fait), "membre");
        Assert.False(done.Value.IsOverdue(time.GetUtcNow()));
        Assert.Equal(ProblemKind.Conflict, (await s.Actions.ChangeAsync(incident.Id, action.Id, new ActionChange(ActionStatus.Fait), "membre")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await s.Actions.ChangeAsync(incident.Id, 999, new ActionChange(ActionStatus.Fait), "membre")).Problem!.Kind);
        var actionEntries = await s.Journal.ListAsync(incident.Id, new JournalQuery(Kind: JournalKind.Action));
        Assert.Equal(2, actionEntries.Count);
        Assert.Contains("à faire → fait", actionEntries[1].Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SituationPoint_SnapshotsPhaseActionsFactsAndDecisions(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 2, 11, 5, 40, 0, TimeSpan.Zero));
        await using var s = await Services.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, "Postes coupés du réseau"));
        await s.Actions.CreateAsync(incident.Id, new NewAction("Porter plainte", "Direction", time.GetUtcNow().AddMinutes(30)), "membre");
        await s.Actions.CreateAsync(incident.Id, new NewAction("Déclarer à l'ARS", "Direction", null), "membre");
        time.Advance(TimeSpan.FromHours(1));
        var point = (await s.Situation.TakeAsync(incident.Id, "directeur")).Value;
        Assert.Equal(1, point.Number);
        Assert.Equal(2, point.OpenActions.Count);
        Assert.Single(point.OverdueActionIds);
        Assert.Equal("Postes coupés du réseau", Assert.Single(point.LatestFacts).Text);
        var stored = await s.Situation.GetAsync(incident.Id, 1);
        Assert.Equal(point.JournalHead, stored!.JournalHead);
        Assert.Equal(point.OpenActions.Select(a => a.Title), stored.OpenActions.Select(a => a.Title));
        Assert.Contains("Point de situation n°1", (await s.Journal.GetAsync(incident.Id, point.JournalSeq))!.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await s.Situation.TakeAsync(incident.Id, "directeur")).Value.Number);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Directory_SavesUpdatesAndDeletes(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var saved = await s.Directory.SaveAsync(null, new DirectoryEntryInput("Dr Leroy", "Médecin référent urgences", "CH", "06 12 34 56 78", null, "nuit du 10/02", null), "admin");
        Assert.True(saved.IsOk);
        var updated = await s.Directory.SaveAsync(saved.Value.Id, new DirectoryEntryInput("Dr Leroy", "Médecin référent urgences", "CH", "06 00 00 00 00", null, null, null), "admin");
        Assert.Equal("06 00 00 00 00", updated.Value.Phone);
        Assert.Equal("phone", (await s.Directory.SaveAsync(null, new DirectoryEntryInput("x", "y", null, "", null, null, null), "admin")).Problem!.Field);
        Assert.True(await s.Directory.DeleteAsync(saved.Value.Id, "admin"));
        Assert.Empty(await s.Directory.ListAsync());
    }
}
