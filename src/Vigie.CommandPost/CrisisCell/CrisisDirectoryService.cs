using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.CrisisCell;

/// <summary>The crisis directory (annuaire de crise), shared by all incidents; every change is audited.</summary>
public sealed class CrisisDirectoryService(Database database, AuditLog audit, TimeProvider time)
{
    private const string Columns = "id AS Id, name AS Name, function AS Function, organisation AS Organisation, phone AS Phone, phone_alt AS PhoneAlt, on_call AS OnCall, notes AS Notes, updated_at_us AS UpdatedAtUs";

    public static Problem? Validate(DirectoryEntryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Limits.Text("name", input.Name, Limits.NameMaxLength)
            ?? Limits.Text("function", input.Function, Limits.NameMaxLength)
            ?? Limits.Text("phone", input.Phone, 50)
            ?? Limits.Text("phoneAlt", input.PhoneAlt, 50, required: false)
            ?? Limits.Text("organisation", input.Organisation, Limits.NameMaxLength, required: false)
            ?? Limits.Text("onCall", input.OnCall, Limits.ShortTextMaxLength, required: false)
            ?? Limits.Text("notes", input.Notes, Limits.ShortTextMaxLength, required: false);
    }

    public Task<IReadOnlyList<DirectoryEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<DirectoryEntry>>(async c =>
            (await c.QueryAsync<Row>($"SELECT {Columns} FROM directory_entries ORDER BY function, name").ConfigureAwait(false)).Select(r => r.ToEntry()).ToList(), cancellationToken);

    public async Task<Result<DirectoryEntry>> SaveAsync(long? id, DirectoryEntryInput input, string actor, CancellationToken cancellationToken = default)
    {
        if (Validate(input) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var values = new
            {
                id,
                name = input.Name.Trim(),
                function = input.Function.Trim(),
                organisation = Clean(input.Organisation),
                phone = input.Phone.Trim(),
                phoneAlt = Clean(input.PhoneAlt),
                onCall = Clean(input.OnCall),
                notes = Clean(input.Notes),
                at = Time.ToMicros(time.GetUtcNow()),
            };
            long savedId;
            if (id is null)
            {
                savedId = await unit.Connection.ExecuteScalarAsync<long>(
                    "INSERT INTO directory_entries (name, function, organisation, phone, phone_alt, on_call, notes, updated_at_us) VALUES (@name, @function, @organisation, @phone, @phoneAlt, @onCall, @notes, @at) RETURNING id",
                    values, unit.Transaction).ConfigureAwait(false);
            }
            else
            {
                var changed = await unit.Connection.ExecuteAsync(
                    "UPDATE directory_entries SET name = @name, function = @function, organisation = @organisation, phone = @phone, phone_alt = @phoneAlt, on_call = @onCall, notes = @notes, updated_at_us = @at WHERE id = @id",
                    values, unit.Transaction).ConfigureAwait(false);
                if (changed == 0)
                {
                    return Problem.NotFound(ProblemCode.DirectoryEntryNotFound, id);
                }

                savedId = id.Value;
            }

            await audit.WriteAsync(unit, actor, id is null ? "directory.create" : "directory.update", $"directory:{savedId}", values.name).ConfigureAwait(false);
            var row = await unit.Connection.QuerySingleAsync<Row>($"SELECT {Columns} FROM directory_entries WHERE id = @savedId", new { savedId }, unit.Transaction).ConfigureAwait(false);
            return Result<DirectoryEntry>.Ok(row.ToEntry());
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var removed = await unit.Connection.ExecuteAsync("DELETE FROM directory_entries WHERE id = @id", new { id }, unit.Transaction).ConfigureAwait(false) > 0;
            if (removed)
            {
                await audit.WriteAsync(unit, actor, "directory.delete", $"directory:{id}").ConfigureAwait(false);
            }

            return removed;
        }, cancellationToken);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed class Row
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Function { get; set; } = "";
        public string? Organisation { get; set; }
        public string Phone { get; set; } = "";
        public string? PhoneAlt { get; set; }
        public string? OnCall { get; set; }
        public string? Notes { get; set; }
        public long UpdatedAtUs { get; set; }

        public DirectoryEntry ToEntry() => new(Id, Name, Function, Organisation, Phone, PhoneAlt, OnCall, Notes, Time.FromMicros(UpdatedAtUs));
    }
}
