using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>The desk's submission key (a form queued while the server was away is recorded once) and the one-step vital emergency, on SQLite and PostgreSQL.</summary>
public sealed class DeskSubmissionTests
{
    private static readonly DateTimeOffset s_now = new(2024, 2, 11, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_WithTheSameSubmissionKeyTwice_RecordsOnce_AndAnswersWithTheFirst(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_now));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var lille = await s.NewFacilityAsync("CHU de Lille", 50.6114609, 3.037601);
        var key = Guid.NewGuid().ToString("N");
        var request = new NewRedirection(site.Id, null, "JD", 1961, "homme", "Douleur thoracique", 3, true, null, lille.Id, "ambulance", key);

        var first = await s.Redirections.CreateAsync(incident.Id, request, "accueil");
        var count = (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount;
        var second = await s.Redirections.CreateAsync(incident.Id, request, "accueil");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Redirections.CreateAsync(incident.Id, request, "accueil")));

        Assert.True(first.IsOk, first.Problem?.Message);
        Assert.False(first.Value.Replayed);
        Assert.True(second.IsOk, second.Problem?.Message);
        Assert.True(second.Value.Replayed);
        Assert.Equal((first.Value.Number, first.Value.JournalSeq), (second.Value.Number, second.Value.JournalSeq));
        Assert.All(concurrent, c => Assert.Equal(first.Value.Number, c.Value.Number));
        Assert.Single(await s.Redirections.ListAsync(incident.Id, "accueil"));
        Assert.Equal(count, (await s.Core.Incidents.GetAsync(incident.Id))!.JournalCount);
        var replays = await s.Core.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'redirection.replay'"));
        Assert.Equal(5, replays);

        // Another key is another patient, even when its copies race each other.
        var raceKey = Guid.NewGuid().ToString("N");
        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => s.Redirections.CreateAsync(incident.Id, request with { SubmissionKey = raceKey }, "accueil")));
        Assert.Equal([2], racing.Select(r => r.Value.Number).Distinct());
        Assert.Equal(2, racing.Count(r => r.Value.Replayed));
        Assert.Equal(2, (await s.Redirections.ListAsync(incident.Id, "accueil")).Count);
        Assert.Equal("submissionKey", (await s.Redirections.CreateAsync(incident.Id, request with { SubmissionKey = "court" }, "accueil")).Problem!.Field);
        Assert.Equal("submissionKey", (await s.Redirections.CreateAsync(incident.Id, request with { SubmissionKey = "pas de clé; DROP" }, "accueil")).Problem!.Field);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Create_Tri1_IsRecordedInOneStep_WithoutAskingOwnMeans(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind, new FakeTimeProvider(s_now));
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();

        var kept = await s.Redirections.CreateAsync(incident.Id, new NewRedirection(site.Id, null, "SB", 1971, "femme", "Arrêt cardio-respiratoire", 1, null, null, null, null), "accueil");

        Assert.True(kept.IsOk, kept.Problem?.Message);
        Assert.Equal((RedirectionOutcome.UrgenceVitaleSurPlace, false, (long?)null), (kept.Value.Outcome, kept.Value.Ambulatory, kept.Value.FacilityId));
        var entry = await s.Core.Journal.GetAsync(incident.Id, kept.Value.JournalSeq);
        Assert.StartsWith("Exception urgence vitale n°1", entry!.Text, StringComparison.Ordinal);

        // Other levels still say whether the patient can travel alone.
        var tri3 = await s.Redirections.CreateAsync(incident.Id, new NewRedirection(site.Id, null, "JD", 1961, "homme", "Chute", 3, null, null, null, null), "accueil");
        Assert.Equal("ambulatory", tri3.Problem!.Field);
    }
}
