using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Situation;

/// <summary>Takes situation points on demand: a snapshot stored as JSON and a journal entry, in one transaction.</summary>
public sealed class SituationService(Database database, ChangeRecorder changes, TimeProvider time)
{
    public const string Topic = "situation";
    private const int Latest = 5;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public Task<Result<SituationPoint>> TakeAsync(long incidentId, string author, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound($"Incident {incidentId} does not exist.");
            }

            var now = Time.Truncate(time.GetUtcNow());
            var actions = (await unit.Connection.QueryAsync<ActionRow>(
                "SELECT id AS Id, title AS Title, owner AS Owner, due_at_us AS DueAtUs, status AS Status, created_at_us AS CreatedAtUs, created_by AS CreatedBy, updated_at_us AS UpdatedAtUs FROM actions WHERE incident_id = @incidentId AND status IN ('a_faire', 'en_cours') ORDER BY due_at_us, id",
                new { incidentId }, unit.Transaction).ConfigureAwait(false))
                .Select(r => new CrisisAction(r.Id, incidentId, r.Title, r.Owner, r.DueAtUs is { } d ? Time.FromMicros(d) : null, WireName<ActionStatus>.Parse(r.Status), Time.FromMicros(r.CreatedAtUs), r.CreatedBy, Time.FromMicros(r.UpdatedAtUs)))
                .ToList();
            var overdue = actions.Where(a => a.IsOverdue(now)).Select(a => a.Id).ToList();
            var facts = await JournalService.ListAsync(unit.Connection, incidentId, new JournalQuery(Limit: Latest, Kind: JournalKind.Fait, NewestFirst: true)).ConfigureAwait(false);
            var decisions = await JournalService.ListAsync(unit.Connection, incidentId, new JournalQuery(Limit: Latest, Kind: JournalKind.Decision, NewestFirst: true)).ConfigureAwait(false);
            var number = (int)await unit.Connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(number), 0) + 1 FROM situation_points WHERE incident_id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);

            var text = string.Create(CultureInfo.InvariantCulture,
                $"Point de situation n°{number} : phase {IncidentLabels.French(incident.Phase)}, gravité {IncidentLabels.French(incident.Severity)}, {actions.Count} action(s) ouverte(s) dont {overdue.Count} en retard.");
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Note, text, Link: new JournalLink("situation", number.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("situation.take", $"incident:{incidentId}", number.ToString(CultureInfo.InvariantCulture)), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var point = new SituationPoint(0, incidentId, number, now, author, entry.Value.Seq, incident.Title, incident.Phase, incident.Severity, actions, overdue, facts, decisions, entry.Value.Seq, entry.Value.Hash);
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO situation_points (incident_id, number, created_at_us, author, journal_seq, snapshot) VALUES (@incidentId, @number, @at, @author, @seq, @snapshot) RETURNING id",
                new { incidentId, number, at = Time.ToMicros(now), author, seq = entry.Value.Seq, snapshot = JsonSerializer.Serialize(point, s_json) }, unit.Transaction).ConfigureAwait(false);
            return Result<SituationPoint>.Ok(point with { Id = id });
        }, cancellationToken);

    public Task<IReadOnlyList<SituationPoint>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<SituationPoint>>(async c =>
            (await c.QueryAsync<PointRow>("SELECT id AS Id, snapshot AS Snapshot FROM situation_points WHERE incident_id = @incidentId ORDER BY number DESC", new { incidentId }).ConfigureAwait(false))
            .Select(r => r.ToPoint()).ToList(), cancellationToken);

    public Task<SituationPoint?> GetAsync(long incidentId, int number, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<PointRow>("SELECT id AS Id, snapshot AS Snapshot FROM situation_points WHERE incident_id = @incidentId AND number = @number", new { incidentId, number }).ConfigureAwait(false))?.ToPoint(),
            cancellationToken);

    private sealed class PointRow
    {
        public long Id { get; set; }
        public string Snapshot { get; set; } = "";

        public SituationPoint ToPoint() => JsonSerializer.Deserialize<SituationPoint>(Snapshot, s_json)! with { Id = Id };
    }

    private sealed class ActionRow
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string Owner { get; set; } = "";
        public long? DueAtUs { get; set; }
        public string Status { get; set; } = "";
        public long CreatedAtUs { get; set; }
        public string CreatedBy { get; set; } = "";
        public long UpdatedAtUs { get; set; }
    }
}
