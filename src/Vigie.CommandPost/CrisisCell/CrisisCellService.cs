using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.CrisisCell;

/// <summary>The crisis cell: the editable list of roles, who holds each role of an incident, handovers (journaled).</summary>
public sealed class CrisisCellService(Database database, ChangeRecorder changes, AuditLog audit)
{
    public const string Topic = "roles";

    public Task<IReadOnlyList<CrisisRole>> ListRolesAsync(bool includeInactive = false, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<CrisisRole>>(async c =>
            (await c.QueryAsync<RoleRow>("SELECT key AS Key, label AS Label, label_en AS LabelEn, sort AS Sort, active AS Active FROM crisis_roles" +
                (includeInactive ? "" : " WHERE active = 1") + " ORDER BY sort, key").ConfigureAwait(false))
            .Select(r => new CrisisRole(r.Key, r.Label, r.LabelEn, (int)r.Sort, r.Active != 0)).ToList(), cancellationToken);

    /// <summary>Adds a role to the list or renames/reactivates/deactivates an existing one.</summary>
    public async Task<Result<CrisisRole>> SaveRoleAsync(string key, string label, string? labelEn, int? sort, bool active, string actor, CancellationToken cancellationToken = default)
    {
        if ((Limits.Text("key", key, 50) ?? Limits.Text("label", label, Limits.NameMaxLength)) is { } problem)
        {
            return problem;
        }

        if (!key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return Problem.Invalid("key", ProblemCode.RoleKeyInvalid);
        }

        return await database.WriteAsync(async unit =>
        {
            var exists = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM crisis_roles WHERE key = @key", new { key }, unit.Transaction).ConfigureAwait(false) > 0;
            var order = sort ?? (int)await unit.Connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(sort), 0) + 10 FROM crisis_roles", transaction: unit.Transaction).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(exists
                    ? "UPDATE crisis_roles SET label = @label, label_en = @labelEn, sort = @order, active = @active WHERE key = @key"
                    : "INSERT INTO crisis_roles (key, label, label_en, sort, active) VALUES (@key, @label, @labelEn, @order, @active)",
                new { key, label = label.Trim(), labelEn = string.IsNullOrWhiteSpace(labelEn) ? label.Trim() : labelEn.Trim(), order, active = active ? 1 : 0 },
                unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, exists ? "role.update" : "role.create", $"role:{key}", label).ConfigureAwait(false);
            return Result<CrisisRole>.Ok(new CrisisRole(key, label.Trim(), string.IsNullOrWhiteSpace(labelEn) ? label.Trim() : labelEn.Trim(), order, active));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current holder of each role of the incident (the latest assignment per role).</summary>
    public Task<IReadOnlyList<RoleAssignment>> CurrentAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<RoleAssignment>>(async c =>
            (await c.QueryAsync<AssignmentRow>(
                $"SELECT {AssignmentRow.Columns} FROM role_assignments a WHERE incident_id = @incidentId AND id = (SELECT MAX(id) FROM role_assignments b WHERE b.incident_id = a.incident_id AND b.role_key = a.role_key)",
                new { incidentId }).ConfigureAwait(false)).Select(r => r.ToAssignment()).ToList(), cancellationToken);

    public Task<IReadOnlyList<RoleAssignment>> HistoryAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<RoleAssignment>>(async c =>
            (await c.QueryAsync<AssignmentRow>($"SELECT {AssignmentRow.Columns} FROM role_assignments WHERE incident_id = @incidentId ORDER BY id DESC", new { incidentId }).ConfigureAwait(false))
            .Select(r => r.ToAssignment()).ToList(), cancellationToken);

    /// <summary>Gives a role to a person (a handover when someone held it); journaled in the same transaction.</summary>
    public async Task<Result<RoleAssignment>> AssignAsync(long incidentId, string roleKey, string person, string author, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("user", person, Limits.NameMaxLength) is { } problem)
        {
            return problem;
        }

        person = person.Trim();
        return await database.WriteAsync(async unit =>
        {
            var label = await unit.Connection.ExecuteScalarAsync<string?>("SELECT label FROM crisis_roles WHERE key = @roleKey AND active = 1", new { roleKey }, unit.Transaction).ConfigureAwait(false);
            if (label is null)
            {
                return Problem.NotFound(ProblemCode.CrisisRoleNotFound, roleKey);
            }

            var previous = await unit.Connection.ExecuteScalarAsync<string?>(
                "SELECT person FROM role_assignments WHERE incident_id = @incidentId AND role_key = @roleKey ORDER BY id DESC LIMIT 1",
                new { incidentId, roleKey }, unit.Transaction).ConfigureAwait(false);
            if (string.Equals(previous, person, StringComparison.Ordinal))
            {
                return Problem.Conflict("user", ProblemCode.CrisisRoleAlreadyHeld, person, label);
            }

            var text = FrenchText.Typeset(previous is null
                ? $"Rôle « {label} » attribué à {person}."
                : $"Passation du rôle « {label} » : {previous} → {person}.");
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Decision, text, Link: new JournalLink("role", roleKey)),
                new AuditLine("role.assign", $"incident:{incidentId}", string.Create(CultureInfo.InvariantCulture, $"{roleKey} -> {person}")), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                return entry.Problem;
            }

            var at = entry.Value.RecordedAt;
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO role_assignments (incident_id, role_key, person, assigned_at_us, assigned_by, journal_seq) VALUES (@incidentId, @roleKey, @person, @at, @author, @seq) RETURNING id",
                new { incidentId, roleKey, person, at = Time.ToMicros(at), author, seq = entry.Value.Seq }, unit.Transaction).ConfigureAwait(false);
            return Result<RoleAssignment>.Ok(new RoleAssignment(id, incidentId, roleKey, person, at, author, entry.Value.Seq));
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class RoleRow
    {
        public string Key { get; set; } = "";
        public string Label { get; set; } = "";
        public string LabelEn { get; set; } = "";
        public long Sort { get; set; }
        public long Active { get; set; }
    }

    private sealed class AssignmentRow
    {
        public const string Columns = "id AS Id, incident_id AS IncidentId, role_key AS RoleKey, person AS Person, assigned_at_us AS AssignedAtUs, assigned_by AS AssignedBy, journal_seq AS JournalSeq";

        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string RoleKey { get; set; } = "";
        public string Person { get; set; } = "";
        public long AssignedAtUs { get; set; }
        public string AssignedBy { get; set; } = "";
        public long JournalSeq { get; set; }

        public RoleAssignment ToAssignment() => new(Id, IncidentId, RoleKey, Person, Time.FromMicros(AssignedAtUs), AssignedBy, JournalSeq);
    }
}
