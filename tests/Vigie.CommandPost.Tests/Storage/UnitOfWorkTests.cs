using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Storage;

public sealed class UnitOfWorkTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task WriteAsync_WhenWorkReturnsAProblemAfterWriting_RollsEverythingBack(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var changes = new List<IncidentChange>();
        s.Database.Feed.Changed += changes.Add;
        var recorder = s.Get<ChangeRecorder>();

        var result = await s.Database.WriteAsync<Result<long>>(async unit =>
        {
            await unit.Connection.ExecuteAsync("INSERT INTO actions (incident_id, title, owner, status, created_at_us, created_by, updated_at_us) VALUES (@id, 'écrite puis refusée', 'x', 'a_faire', 0, 't', 0)",
                new { id = incident.Id }, unit.Transaction);
            var entry = await recorder.RecordAsync(unit, incident.Id, "t", new NewJournalEntry(JournalKind.Note, "écrite puis refusée"), new AuditLine("test.refused"), "actions");
            Assert.True(entry.IsOk);
            return Problem.Conflict(null, ProblemCode.ActionUnchanged, 1);
        });

        Assert.False(result.IsOk);
        await using var connection = await s.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM actions"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'test.refused'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM journal_entries WHERE incident_id = @id", new { id = incident.Id }));
        Assert.Empty(changes);
        Assert.True((await s.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task RecordAsync_WritesTheEntryTheAuditLineAndTheNoticeTogether(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var changes = new List<IncidentChange>();
        s.Database.Feed.Changed += changes.Add;

        var entry = await s.Database.WriteAsync(unit => s.Get<ChangeRecorder>().RecordAsync(unit, incident.Id, "scribe",
            new NewJournalEntry(JournalKind.Fait, "Constat", Link: new JournalLink("action", "7")), new AuditLine("test.record", "incident:1/action:7", "détail"), "actions"));

        Assert.True(entry.IsOk);
        Assert.Equal(2, entry.Value.Seq);
        Assert.Contains(changes, c => c.Topic == "actions" && c.IncidentId == incident.Id);
        Assert.Contains(changes, c => c.Topic == JournalService.Topic && c.Seq == 2);
        var audit = await s.Audit.RecentAsync();
        Assert.Contains(audit, a => a is { Action: "test.record", Actor: "scribe", Target: "incident:1/action:7", Detail: "détail" });
    }
}
