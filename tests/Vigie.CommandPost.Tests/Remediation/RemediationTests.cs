using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Deadlines;

namespace Vigie.CommandPost.Tests.Remediation;

/// <summary>The remediation plan: measures with a CaRE domain, owner, due date and status, followed after the incident is closed.</summary>
public sealed class RemediationTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Measures_AreJournaled_AndFollowedAfterClosure_AcrossIncidents(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var first = await p.NewIncidentAsync("Rançongiciel");
        var second = await p.NewIncidentAsync("Vol de données");
        var due = PostIncident.Detected.AddMonths(3);

        var mfa = await p.Remediation.CreateAsync(first.Id, new NewMeasure("MFA sur le VPN", CareDomain.AccesDistants, "RSSI", due), "alice");
        Assert.True(mfa.IsOk, mfa.Problem?.Message);
        Assert.Equal((ActionStatus.AFaire, "Rançongiciel"), (mfa.Value.Status, mfa.Value.IncidentTitle));
        var created = (await p.Core.Journal.ListAsync(first.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal($"Remédiation n°{mfa.Value.Id} créée\u202F: MFA sur le VPN (Accès distants\u202F; responsable RSSI, échéance 11/05/2024 03:00 (heure de Paris)).", created.Text);
        await p.Remediation.CreateAsync(first.Id, new NewMeasure("Sauvegardes hors ligne", CareDomain.SauvegardesContinuite, "DSI", PostIncident.Detected.AddDays(10)), "alice");
        await p.Remediation.CreateAsync(second.Id, new NewMeasure("Campagne d'hameçonnage simulé", CareDomain.Sensibilisation, "Communication", null), "alice");

        await p.Core.Incidents.ChangePhaseAsync(first.Id, IncidentPhase.Cloture, "directeur");
        p.Clock.Advance(TimeSpan.FromDays(60));
        var done = await p.Remediation.ChangeAsync(first.Id, mfa.Value.Id, new MeasureChange(Status: ActionStatus.Fait, Notes: "Déployé sur 100 % des comptes"), "bob");
        Assert.True(done.IsOk, done.Problem?.Message);
        Assert.Equal((ActionStatus.Fait, p.Clock.GetUtcNow(), "bob"), (done.Value.Status, done.Value.DoneAt!.Value, done.Value.UpdatedBy));
        Assert.Contains("statut a_faire → fait", (await p.Core.Journal.ListAsync(first.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single().Text, StringComparison.Ordinal);

        var all = await p.Remediation.ListAsync(new RemediationQuery());
        Assert.Equal(3, all.Count);
        Assert.Equal(ActionStatus.Fait, all[^1].Status); // open ones first
        var open = await p.Remediation.ListAsync(new RemediationQuery(OpenOnly: true));
        Assert.Equal(2, open.Count);
        Assert.True(open.Single(m => m.Title == "Sauvegardes hors ligne").IsOverdue(p.Clock.GetUtcNow()));
        Assert.Single(await p.Remediation.ListAsync(new RemediationQuery(Category: CareDomain.Sensibilisation)));
        Assert.Equal(2, (await p.Remediation.ListAsync(new RemediationQuery(IncidentId: first.Id))).Count);

        Assert.Equal(ProblemKind.Conflict, (await p.Remediation.ChangeAsync(first.Id, mfa.Value.Id, new MeasureChange(Status: ActionStatus.Fait), "bob")).Problem!.Kind);
        Assert.Equal("status", (await p.Remediation.ChangeAsync(first.Id, mfa.Value.Id, new MeasureChange(), "bob")).Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, (await p.Remediation.ChangeAsync(second.Id, mfa.Value.Id, new MeasureChange(Owner: "x"), "bob")).Problem!.Kind);
        Assert.Equal("title", (await p.Remediation.CreateAsync(first.Id, new NewMeasure(" ", CareDomain.PostesDeTravail, "DSI", null), "alice")).Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, (await p.Remediation.CreateAsync(999, new NewMeasure("x", CareDomain.PostesDeTravail, "DSI", null), "alice")).Problem!.Kind);
        Assert.True((await p.Core.Journal.VerifyAsync(first.Id))!.Valid);
    }
}
