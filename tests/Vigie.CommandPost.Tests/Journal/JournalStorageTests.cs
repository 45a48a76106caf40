using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Journal;

/// <summary>The journal on both databases: the same tests, one case per database.</summary>
public sealed class JournalStorageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<(Services S, long Incident)> SetUpAsync(DatabaseKind kind, int entries = 0, TimeProvider? time = null)
    {
        var s = await Services.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        for (var i = 0; i < entries; i++)
        {
            var appended = await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, $"fait {i}"));
            Assert.True(appended.IsOk);
        }

        return (s, incident.Id);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_AssignsConsecutiveSeqs_AndChainVerifies(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 4);
        await using var _ = s;
        var entries = await s.Journal.ListAsync(id, new JournalQuery());
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Seq));
        Assert.Equal(JournalChain.Genesis, entries[0].PrevHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PrevHash);
        }

        var verification = await s.Journal.VerifyAsync(id);
        Assert.Equal(new JournalVerification(true, 5, null, entries[^1].Hash, null), verification);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_StoresOccurredAtEarlierThanRecordedAt(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        var occurred = DateTimeOffset.UtcNow.AddHours(-3).AddTicks(7);
        var appended = await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, "Notes de rançon imprimées", occurred,
            OccurredAtReason: "avant la déclaration"));
        var stored = await s.Journal.GetAsync(id, appended.Value.Seq);
        Assert.Equal("Notes de rançon imprimées (heure antérieure à la détection ; motif : avant la déclaration)", stored!.Text);
        Assert.Equal(Time.Truncate(occurred), stored!.OccurredAt);
        Assert.True(stored.RecordedAt > stored.OccurredAt);
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenFiftyClientsAppendAtOnce_EveryEntryOnceWithoutGaps(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            s.Journal.AppendAsync(id, $"client{i}", new NewJournalEntry(JournalKind.Note, $"entry from client {i}")))));
        Assert.All(results, r => Assert.True(r.IsOk));
        var entries = await s.Journal.ListAsync(id, new JournalQuery());
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), entries.Select(e => e.Seq));
        for (var i = 0; i < 50; i++)
        {
            Assert.Single(entries, e => e.Text == $"entry from client {i}");
        }

        Assert.Equal(results.Select(r => r.Value.Seq).Order(), entries.Skip(1).Select(e => e.Seq));
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenConcurrentAppendsShareACommit_AProblemWithOneDoesNotAffectTheOthers(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            s.Journal.AppendAsync(i % 4 == 0 ? id + 1000 : id, "scribe", new NewJournalEntry(JournalKind.Note, $"entry {i}")))));
        Assert.Equal(10, results.Count(r => r.Problem?.Kind == ProblemKind.NotFound));
        Assert.Equal(30, results.Count(r => r.IsOk));
        Assert.Equal(Enumerable.Range(2, 30).Select(i => (long)i), results.Where(r => r.IsOk).Select(r => r.Value.Seq).Order());
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenSeveralIncidentsShareACommit_EachChainIsWholeAndTimesBeforeDetectionNeedAReason(DatabaseKind kind)
    {
        // A territory's server: one commit takes appends to five incidents at once (their heads locked in one statement).
        var (s, first) = await SetUpAsync(kind);
        await using var _ = s;
        long[] ids = [first, .. await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => (await s.NewIncidentAsync()).Id))];
        var before = DateTimeOffset.UtcNow.AddDays(-2);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => s.Journal.AppendAsync(ids[i % 5], $"client{i}",
            i % 10 == 3 ? new NewJournalEntry(JournalKind.Fait, $"entry {i}", before, OccurredAtReason: i % 20 == 3 ? "relevé sur papier" : null)
                        : new NewJournalEntry(JournalKind.Note, $"entry {i}")))));
        var refused = results.Where((r, i) => i % 20 == 13).ToList();
        Assert.All(refused, r => Assert.Equal(ProblemCode.OccurredAtBeforeDetection, r.Problem?.Code));
        Assert.Equal(95, results.Count(r => r.IsOk));
        foreach (var id in ids)
        {
            var entries = await s.Journal.ListAsync(id, new JournalQuery());
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long)n), entries.Select(e => e.Seq));
            Assert.Equal(id == ids[3] ? 1 + 20 - 5 : 1 + 20, entries.Count); // the five refused were all for the fourth incident
            Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
        }

        Assert.Equal(5, results.Count(r => r.IsOk && r.Value.Text.EndsWith("(heure antérieure à la détection ; motif : relevé sur papier)", StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenAnotherServerMovedTheHead_TheCommitReadsItAgain_AndTheChainHolds(DatabaseKind kind)
    {
        // The group commit trusts the heads it last wrote; another server on the same database (or `vigie` run beside it)
        // appends meanwhile: the next batch finds the head elsewhere, rolls back and is written again from the real head.
        var (s, id) = await SetUpAsync(kind, entries: 2);
        await using var _ = s;
        var other = new JournalService(s.Database, s.Time, s.Get<Vigie.CommandPost.Journal.Evidence.EvidenceStore>());
        for (var round = 0; round < 3; round++)
        {
            Assert.True((await other.AppendAsync(id, "autre serveur", new NewJournalEntry(JournalKind.Note, $"ailleurs {round}"))).IsOk);
            var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
                s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Note, $"ici {round}.{i}")))));
            Assert.All(results, r => Assert.True(r.IsOk, r.Problem?.ToString()));
        }

        // A feature's own transaction (a correction) moves it too.
        Assert.True((await s.Journal.CorrectAsync(id, 2, "scribe", "fait 0, corrigé")).IsOk);
        Assert.True((await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Note, "après la correction"))).IsOk);
        var entries = await s.Journal.ListAsync(id, new JournalQuery());
        Assert.Equal(Enumerable.Range(1, 3 + 3 * 11 + 2).Select(n => (long)n), entries.Select(e => e.Seq));
        Assert.Equal(3, entries.Count(e => e.Author == "autre serveur"));
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenRowTextAltered_ReportsThatSeq(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        await s.TamperAsync($"UPDATE journal_entries SET text = 'rien à signaler' WHERE incident_id = {id} AND seq = 4");
        var verification = await s.Journal.VerifyAsync(id);
        Assert.False(verification!.Valid);
        Assert.Equal(4, verification.FirstBrokenSeq);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenRowTimeAltered_ReportsThatSeq(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        await s.TamperAsync($"UPDATE journal_entries SET occurred_at_us = occurred_at_us - 3600000000 WHERE incident_id = {id} AND seq = 3");
        Assert.Equal(3, (await s.Journal.VerifyAsync(id))!.FirstBrokenSeq);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenRowRemoved_ReportsTheMissingSeq(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        await s.TamperAsync($"DELETE FROM journal_entries WHERE incident_id = {id} AND seq = 5");
        var verification = await s.Journal.VerifyAsync(id);
        Assert.False(verification!.Valid);
        Assert.Equal(5, verification.FirstBrokenSeq);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenLastRowRemoved_ReportsItFromTheIncidentHead(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        await s.TamperAsync($"DELETE FROM journal_entries WHERE incident_id = {id} AND seq = 7");
        Assert.Equal(7, (await s.Journal.VerifyAsync(id))!.FirstBrokenSeq);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenRowInsertedInTheMiddle_ReportsWhereTheChainBreaks(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        // Make room at seq 3 by shifting 3..7 up, then insert a forged entry chained to entry 2.
        await s.TamperAsync($"UPDATE journal_entries SET seq = seq + 100 WHERE incident_id = {id} AND seq >= 3; UPDATE journal_entries SET seq = seq - 99 WHERE incident_id = {id} AND seq >= 103;");
        var two = await s.Journal.GetAsync(id, 2);
        var forged = new JournalEntry(id, 3, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "mallory", JournalKind.Decision, "Payer la rançon", null, null, two!.Hash, "");
        forged = forged with { Hash = JournalChain.HashOf(forged) };
        await s.TamperAsync(
            "INSERT INTO journal_entries (incident_id, seq, occurred_at_us, recorded_at_us, author, kind, text, prev_hash, hash) " +
            $"VALUES ({id}, 3, {Time.ToMicros(forged.OccurredAt)}, {Time.ToMicros(forged.RecordedAt)}, 'mallory', 'decision', 'Payer la rançon', '{forged.PrevHash}', '{forged.Hash}')");
        var verification = await s.Journal.VerifyAsync(id);
        Assert.False(verification!.Valid);
        Assert.Equal(4, verification.FirstBrokenSeq); // the old entry 3, now at 4, does not link to the forged one
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenTwoRowsSwapped_ReportsTheFirst(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 6);
        await using var _ = s;
        await s.TamperAsync(
            $"UPDATE journal_entries SET seq = 1000 WHERE incident_id = {id} AND seq = 3; " +
            $"UPDATE journal_entries SET seq = 3 WHERE incident_id = {id} AND seq = 4; " +
            $"UPDATE journal_entries SET seq = 4 WHERE incident_id = {id} AND seq = 1000;");
        Assert.Equal(3, (await s.Journal.VerifyAsync(id))!.FirstBrokenSeq);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Journal_WhenUpdatedOrDeletedWithoutTampering_TheSchemaRefuses(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 1);
        await using var _ = s;
        await using var connection = await s.Database.OpenAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync($"UPDATE journal_entries SET text = 'x' WHERE incident_id = {id}"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync($"DELETE FROM journal_entries WHERE incident_id = {id}"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
            $"INSERT INTO journal_entries (incident_id, seq, occurred_at_us, recorded_at_us, author, kind, text, prev_hash, hash) VALUES ({id}, 1, 0, 0, 'x', 'note', 'dup', 'x', 'x')"));
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Correct_AppendsAnEntryReferencingTheCorrectedSeq(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 2);
        await using var _ = s;
        var corrected = await s.Journal.CorrectAsync(id, 2, "scribe", "Il s'agissait de l'imprimante du 2e étage.");
        Assert.True(corrected.IsOk);
        Assert.Equal(4, corrected.Value.Seq);
        Assert.Equal(2, corrected.Value.CorrectsSeq);
        Assert.Equal(JournalKind.Fait, corrected.Value.Kind);
        Assert.Equal("fait 0", (await s.Journal.GetAsync(id, 2))!.Text);

        var missing = await s.Journal.CorrectAsync(id, 99, "scribe", "x");
        Assert.Equal(ProblemKind.NotFound, missing.Problem!.Kind);
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenInputIsBad_RefusesAndWritesNothing(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 2, 11, 5, 40, 0, TimeSpan.Zero));
        var (s, id) = await SetUpAsync(kind, time: time);
        await using var _ = s;
        var tooLong = await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, new string('x', Limits.JournalTextMaxLength + 1)));
        Assert.Equal(("text", ProblemKind.Invalid), (tooLong.Problem!.Field, tooLong.Problem.Kind));
        var empty = await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, "  "));
        Assert.Equal("text", empty.Problem!.Field);
        var future = await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, "x", time.GetUtcNow().AddMinutes(6)));
        Assert.Equal("occurredAt", future.Problem!.Field);
        var withinSkew = await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, "x", time.GetUtcNow().AddMinutes(4)));
        Assert.True(withinSkew.IsOk);
        var noIncident = await s.Journal.AppendAsync(id + 1000, "scribe", new NewJournalEntry(JournalKind.Fait, "x"));
        Assert.Equal(ProblemKind.NotFound, noIncident.Problem!.Kind);
        Assert.Equal(2, (await s.Journal.VerifyAsync(id))!.Entries);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task UnitOfWork_WhenTheFeatureFailsAfterAppending_NothingIsKept(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        var changes = new List<IncidentChange>();
        s.Database.Feed.Changed += changes.Add;
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.Database.WriteAsync<bool>(async unit =>
        {
            var appended = await s.Journal.AppendAsync(unit, id, "scribe", new NewJournalEntry(JournalKind.Decision, "Fermeture des urgences"));
            Assert.True(appended.IsOk);
            await unit.Connection.ExecuteAsync("UPDATE incidents SET site = 'Armentières' WHERE id = @id", new { id }, unit.Transaction);
            throw new InvalidOperationException("the feature's own write failed");
        }));
        var incident = await s.Incidents.GetAsync(id);
        Assert.Null(incident!.Site);
        Assert.Equal(1, incident.JournalCount);
        Assert.Single(await s.Journal.ListAsync(id, new JournalQuery()));
        Assert.Empty(changes);

        // and the next append continues the chain normally
        Assert.Equal(2, (await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Note, "ok"))).Value.Seq);
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task List_FiltersByKind_PagesAndOrdersNewestFirst(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind, entries: 5);
        await using var _ = s;
        await s.Journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Decision, "Cellule de crise activée"));
        var decisions = await s.Journal.ListAsync(id, new JournalQuery(Kind: JournalKind.Decision));
        Assert.Equal([1L, 7], decisions.Select(e => e.Seq));
        var page = await s.Journal.ListAsync(id, new JournalQuery(AfterSeq: 2, Limit: 2));
        Assert.Equal([3L, 4], page.Select(e => e.Seq));
        var newest = await s.Journal.ListAsync(id, new JournalQuery(Limit: 3, NewestFirst: true));
        Assert.Equal([7L, 6, 5], newest.Select(e => e.Seq));
    }
}
