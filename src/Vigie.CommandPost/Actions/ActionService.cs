using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Actions;

/// <summary>The crisis cell's actions; creating or changing one journals it in the same transaction.</summary>
public sealed class ActionService(Database database, ChangeRecorder changes, HospitalClock clock)
{
    public const string Topic = "actions";
    private const string Columns = "id AS Id, incident_id AS IncidentId, title AS Title, owner AS Owner, due_at_us AS DueAtUs, status AS Status, created_at_us AS CreatedAtUs, created_by AS CreatedBy, updated_at_us AS UpdatedAtUs";

    public Task<IReadOnlyList<CrisisAction>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<CrisisAction>>(async c =>
            (await c.QueryAsync<Row>($"SELECT {Columns} FROM actions WHERE incident_id = @incidentId ORDER BY CASE WHEN due_at_us IS NULL THEN 1 ELSE 0 END, due_at_us, id", new { incidentId }).ConfigureAwait(false))
            .Select(r => r.ToAction()).ToList(), cancellationToken);

    public Task<CrisisAction?> GetAsync(long incidentId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM actions WHERE incident_id = @incidentId AND id = @id", new { incidentId, id }).ConfigureAwait(false))?.ToAction(),
            cancellationToken);

    public async Task<Result<CrisisAction>> CreateAsync(long incidentId, NewAction request, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((Limits.Text("title", request.Title, Limits.TitleMaxLength) ?? Limits.Text("owner", request.Owner, Limits.NameMaxLength)) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var now = Time.Truncate(clock.GetUtcNow());
            var exists = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (exists == 0)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO actions (incident_id, title, owner, due_at_us, status, created_at_us, created_by, updated_at_us) VALUES (@incidentId, @title, @owner, @due, @status, @now, @author, @now) RETURNING id",
                new { incidentId, title = request.Title.Trim(), owner = request.Owner.Trim(), due = request.DueAt is { } d ? Time.ToMicros(d) : (long?)null, status = WireName<ActionStatus>.Of(ActionStatus.AFaire), now = Time.ToMicros(now), author },
                unit.Transaction).ConfigureAwait(false);
            var due = request.DueAt is { } dueAt ? $", échéance {clock.TextWithZone(dueAt)}" : "";
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Action,
                FrenchText.Typeset($"Action n°{id} créée : {request.Title.Trim()} (responsable {request.Owner.Trim()}{due})."), Link: new JournalLink("action", id.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("action.create", $"incident:{incidentId}/action:{id}", request.Title.Trim()), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            return Result<CrisisAction>.Ok(new CrisisAction(id, incidentId, request.Title.Trim(), request.Owner.Trim(), request.DueAt is { } x ? Time.Truncate(x) : null, ActionStatus.AFaire, now, author, now));
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<CrisisAction>> ChangeAsync(long incidentId, long id, ActionChange change, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Status is null && change.Owner is null && change.DueAt is null)
        {
            return Problem.Invalid("status", ProblemCode.NothingToChangeAction);
        }

        if (Limits.Text("owner", change.Owner, Limits.NameMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var row = await unit.Connection.QuerySingleOrDefaultAsync<Row>(
                unit.Sql($"SELECT {Columns} FROM actions WHERE incident_id = @incidentId AND id = @id", $"SELECT {Columns} FROM actions WHERE incident_id = @incidentId AND id = @id FOR UPDATE"),
                new { incidentId, id }, unit.Transaction).ConfigureAwait(false);
            if (row is null)
            {
                return Problem.NotFound(ProblemCode.ActionNotFound, incidentId, id);
            }

            var before = row.ToAction();
            var status = change.Status ?? before.Status;
            var owner = string.IsNullOrWhiteSpace(change.Owner) ? before.Owner : change.Owner.Trim();
            var dueAt = change.DueAt is { } d ? Time.Truncate(d) : before.DueAt;
            var parts = new List<string>();
            if (status != before.Status)
            {
                parts.Add($"statut {ActionLabels.French(before.Status)} → {ActionLabels.French(status)}");
            }

            if (owner != before.Owner)
            {
                parts.Add($"responsable {before.Owner} → {owner}");
            }

            if (dueAt != before.DueAt)
            {
                var times = clock.ForText();
                parts.Add($"échéance {(before.DueAt is { } b ? times.At(b) : "—")} → {times.At(dueAt!.Value)}");
            }

            if (parts.Count == 0)
            {
                return Problem.Conflict(change.Status is null ? "owner" : "status", ProblemCode.ActionUnchanged, id);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            await unit.Connection.ExecuteAsync("UPDATE actions SET status = @status, owner = @owner, due_at_us = @due, updated_at_us = @now WHERE id = @id",
                new { id, status = WireName<ActionStatus>.Of(status), owner, due = dueAt is { } x ? Time.ToMicros(x) : (long?)null, now = Time.ToMicros(now) }, unit.Transaction).ConfigureAwait(false);
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Action,
                FrenchText.Typeset($"Action n°{id} ({before.Title}) : {string.Join(", ", parts)}."), Link: new JournalLink("action", id.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("action.change", $"incident:{incidentId}/action:{id}", string.Join(", ", parts)), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            return Result<CrisisAction>.Ok(before with { Status = status, Owner = owner, DueAt = dueAt, UpdatedAt = now });
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string Title { get; set; } = "";
        public string Owner { get; set; } = "";
        public long? DueAtUs { get; set; }
        public string Status { get; set; } = "";
        public long CreatedAtUs { get; set; }
        public string CreatedBy { get; set; } = "";
        public long UpdatedAtUs { get; set; }

        public CrisisAction ToAction() => new(Id, IncidentId, Title, Owner, DueAtUs is { } d ? Time.FromMicros(d) : null, WireName<ActionStatus>.Parse(Status),
            Time.FromMicros(CreatedAtUs), CreatedBy, Time.FromMicros(UpdatedAtUs));
    }
}
