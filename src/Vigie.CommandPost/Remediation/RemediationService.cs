using System.Globalization;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Remediation;

/// <summary>
/// The remediation plan: measures created from an incident, changed for months after it is closed; every creation
/// and change goes to that incident's journal in the same transaction.
/// </summary>
public sealed class RemediationService(Database database, ChangeRecorder changes, HospitalClock clock)
{
    public const string Topic = "remediation";
    public const int NotesMaxLength = 4_000;

    private const string Columns =
        "m.id AS Id, m.incident_id AS IncidentId, i.title AS IncidentTitle, m.title AS Title, m.category AS Category, m.owner AS Owner, m.due_at_us AS DueAtUs, " +
        "m.status AS Status, m.notes AS Notes, m.created_at_us AS CreatedAtUs, m.created_by AS CreatedBy, m.updated_at_us AS UpdatedAtUs, m.updated_by AS UpdatedBy, m.done_at_us AS DoneAtUs";

    private const string From = "FROM remediation_measures m JOIN incidents i ON i.id = m.incident_id";

    public Task<IReadOnlyList<RemediationMeasure>> ListAsync(RemediationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = $"SELECT {Columns} {From} WHERE 1 = 1" +
                  (query.IncidentId is null ? "" : " AND m.incident_id = @incidentId") +
                  (query.Status is null ? "" : " AND m.status = @status") +
                  (query.Category is null ? "" : " AND m.category = @category") +
                  (query.OpenOnly ? " AND m.status IN ('a_faire', 'en_cours')" : "") +
                  " ORDER BY CASE WHEN m.status IN ('a_faire', 'en_cours') THEN 0 ELSE 1 END, CASE WHEN m.due_at_us IS NULL THEN 1 ELSE 0 END, m.due_at_us, m.id";
        return database.ReadAsync<IReadOnlyList<RemediationMeasure>>(async c =>
            (await c.QueryAsync<Row>(sql, new
            {
                incidentId = query.IncidentId,
                status = query.Status is { } s ? WireName<ActionStatus>.Of(s) : null,
                category = query.Category is { } k ? WireName<CareDomain>.Of(k) : null,
            }).ConfigureAwait(false)).Select(r => r.ToMeasure()).ToList(), cancellationToken);
    }

    public Task<RemediationMeasure?> GetAsync(long incidentId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} {From} WHERE m.incident_id = @incidentId AND m.id = @id", new { incidentId, id }).ConfigureAwait(false))?.ToMeasure(),
            cancellationToken);

    public async Task<Result<RemediationMeasure>> CreateAsync(long incidentId, NewMeasure request, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((Limits.Text("title", request.Title, Limits.TitleMaxLength) ?? Limits.Text("owner", request.Owner, Limits.NameMaxLength) ??
             Limits.Text("notes", request.Notes, NotesMaxLength, required: false)) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var exists = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (exists == 0)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO remediation_measures (incident_id, title, category, owner, due_at_us, status, notes, created_at_us, created_by, updated_at_us, updated_by)
                VALUES (@incidentId, @title, @category, @owner, @due, @status, @notes, @now, @author, @now, @author) RETURNING id
                """,
                new
                {
                    incidentId, title = request.Title!.Trim(), category = WireName<CareDomain>.Of(request.Category), owner = request.Owner!.Trim(),
                    due = request.DueAt is { } d ? Time.ToMicros(d) : (long?)null, status = WireName<ActionStatus>.Of(ActionStatus.AFaire),
                    notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), now = Time.ToMicros(now), author,
                }, unit.Transaction).ConfigureAwait(false);
            var due = request.DueAt is { } dueAt ? $", échéance {clock.TextWithZone(dueAt)}" : "";
            await RecordAsync(unit, incidentId, author, id,
                $"Remédiation n°{id} créée : {request.Title.Trim()} ({CareDomains.Label(request.Category)} ; responsable {request.Owner.Trim()}{due}).",
                new AuditLine("remediation.create", $"incident:{incidentId}/remediation:{id}", request.Title.Trim())).ConfigureAwait(false);
            return Result<RemediationMeasure>.Ok((await GetAsync(unit, incidentId, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<RemediationMeasure>> ChangeAsync(long incidentId, long id, MeasureChange change, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change is { Status: null, Owner: null, DueAt: null, Category: null, Notes: null })
        {
            return Problem.Invalid("status", ProblemCode.NothingToChangeMeasure);
        }

        if ((Limits.Text("owner", change.Owner, Limits.NameMaxLength, required: false) ?? Limits.Text("notes", change.Notes, NotesMaxLength, required: false)) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var before = await GetAsync(unit, incidentId, id, forUpdate: true).ConfigureAwait(false);
            if (before is null)
            {
                return Problem.NotFound(ProblemCode.MeasureNotFound, incidentId, id);
            }

            var status = change.Status ?? before.Status;
            var owner = string.IsNullOrWhiteSpace(change.Owner) ? before.Owner : change.Owner.Trim();
            var dueAt = change.DueAt is { } d ? Time.Truncate(d) : before.DueAt;
            var category = change.Category ?? before.Category;
            var notes = change.Notes is null ? before.Notes : string.IsNullOrWhiteSpace(change.Notes) ? null : change.Notes.Trim();
            var parts = new List<string>();
            if (status != before.Status)
            {
                parts.Add($"statut {WireName<ActionStatus>.Of(before.Status)} → {WireName<ActionStatus>.Of(status)}");
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

            if (category != before.Category)
            {
                parts.Add($"domaine {CareDomains.Label(before.Category)} → {CareDomains.Label(category)}");
            }

            if (notes != before.Notes)
            {
                parts.Add(notes is null ? "notes effacées" : $"notes : {(notes.Length > 200 ? notes[..200] + "…" : notes)}");
            }

            if (parts.Count == 0)
            {
                return Problem.Conflict(change.Status is null ? "owner" : "status", ProblemCode.MeasureUnchanged, id);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            long? doneAt = status == ActionStatus.Fait ? (before.DoneAt is { } x && before.Status == ActionStatus.Fait ? Time.ToMicros(x) : Time.ToMicros(now)) : null;
            await unit.Connection.ExecuteAsync(
                "UPDATE remediation_measures SET status = @status, owner = @owner, due_at_us = @due, category = @category, notes = @notes, updated_at_us = @now, updated_by = @author, done_at_us = @doneAt WHERE id = @id",
                new { id, status = WireName<ActionStatus>.Of(status), owner, due = dueAt is { } y ? Time.ToMicros(y) : (long?)null, category = WireName<CareDomain>.Of(category), notes, now = Time.ToMicros(now), author, doneAt },
                unit.Transaction).ConfigureAwait(false);
            await RecordAsync(unit, incidentId, author, id, $"Remédiation n°{id} ({before.Title}) : {string.Join(", ", parts)}.",
                new AuditLine("remediation.change", $"incident:{incidentId}/remediation:{id}", string.Join(", ", parts))).ConfigureAwait(false);
            return Result<RemediationMeasure>.Ok((await GetAsync(unit, incidentId, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordAsync(UnitOfWork unit, long incidentId, string author, long id, string text, AuditLine auditLine)
    {
        var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Action, FrenchText.Typeset(text),
            Link: new JournalLink("remediation", id.ToString(CultureInfo.InvariantCulture))), auditLine, Topic).ConfigureAwait(false);
        if (!entry.IsOk)
        {
            throw new InvalidOperationException(entry.Problem.Message);
        }
    }

    private static async Task<RemediationMeasure?> GetAsync(UnitOfWork unit, long incidentId, long id, bool forUpdate = false) =>
        (await unit.Connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} {From} WHERE m.incident_id = @incidentId AND m.id = @id" + (forUpdate && unit.Kind == DatabaseKind.PostgreSql ? " FOR UPDATE OF m" : ""),
            new { incidentId, id }, unit.Transaction).ConfigureAwait(false))?.ToMeasure();

    private sealed class Row
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string IncidentTitle { get; set; } = "";
        public string Title { get; set; } = "";
        public string Category { get; set; } = "";
        public string Owner { get; set; } = "";
        public long? DueAtUs { get; set; }
        public string Status { get; set; } = "";
        public string? Notes { get; set; }
        public long CreatedAtUs { get; set; }
        public string CreatedBy { get; set; } = "";
        public long UpdatedAtUs { get; set; }
        public string UpdatedBy { get; set; } = "";
        public long? DoneAtUs { get; set; }

        public RemediationMeasure ToMeasure() => new(Id, IncidentId, IncidentTitle, Title, WireName<CareDomain>.Parse(Category), Owner, DueAtUs is { } d ? Time.FromMicros(d) : null,
            WireName<ActionStatus>.Parse(Status), Notes, Time.FromMicros(CreatedAtUs), CreatedBy, Time.FromMicros(UpdatedAtUs), UpdatedBy, DoneAtUs is { } x ? Time.FromMicros(x) : null);
    }
}
