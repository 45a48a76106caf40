using System.Data.Common;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>
/// The territory directory of receiving facilities: manual edits, status as last known, CSV import (all or nothing
/// unless asked to import the valid lines), and the shipped sample of the Armentières territory. Shared by every
/// incident; every change is audited and pushed live.
/// </summary>
public sealed partial class FacilityService(Database database, AuditLog audit, TimeProvider time)
{
    public const int MaxImportBytes = 10 * 1024 * 1024;

    private const string Columns =
        "id AS Id, finess AS Finess, name AS Name, address AS Address, postcode AS Postcode, city AS City, latitude AS Latitude, longitude AS Longitude, " +
        "approximate AS Approximate, phone AS Phone, ed_phone AS EdPhone, samu_phone AS SamuPhone, capabilities AS Capabilities, status AS Status, " +
        "status_note AS StatusNote, status_at_us AS StatusAtUs, status_by AS StatusBy, notes AS Notes, updated_at_us AS UpdatedAtUs, updated_by AS UpdatedBy";

    public Task<IReadOnlyList<Facility>> ListAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ListAsync(c, null), cancellationToken);

    internal static async Task<IReadOnlyList<Facility>> ListAsync(DbConnection connection, DbTransaction? transaction) =>
        (await connection.QueryAsync<FacilityRow>($"SELECT {Columns} FROM facilities ORDER BY name, id", transaction: transaction).ConfigureAwait(false))
        .Select(r => r.ToFacility()).ToList();

    public Task<Facility?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => GetAsync(c, null, id), cancellationToken);

    internal static async Task<Facility?> GetAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        (await connection.QuerySingleOrDefaultAsync<FacilityRow>($"SELECT {Columns} FROM facilities WHERE id = @id", new { id }, transaction).ConfigureAwait(false))?.ToFacility();

    public async Task<Result<Facility>> CreateAsync(FacilityInput input, string actor, CancellationToken cancellationToken = default)
    {
        if (FacilityValidation.Validate(input, out var data) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            if (data!.Finess is { } finess && await FinessOwnerAsync(unit, finess).ConfigureAwait(false) is { } owner)
            {
                return Problem.Conflict("finess", ProblemCode.FinessTaken, finess, owner);
            }

            var now = time.GetUtcNow();
            var id = await InsertAsync(unit, data, now, actor).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "facility.create", $"facility:{id}", data.Name).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Facilities));
            return Result<Facility>.Ok((await GetAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a facility's details; its status changes only when <see cref="FacilityInput.Status"/> is given.</summary>
    public async Task<Result<Facility>> UpdateAsync(long id, FacilityInput input, string actor, CancellationToken cancellationToken = default)
    {
        if (FacilityValidation.Validate(input, out var data) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var existing = await GetAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false);
            if (existing is null)
            {
                return Problem.NotFound(ProblemCode.FacilityNotFound, id);
            }

            if (data!.Finess is { } finess && await FinessOwnerAsync(unit, finess).ConfigureAwait(false) is { } owner && owner != id)
            {
                return Problem.Conflict("finess", ProblemCode.FinessTaken, finess, owner);
            }

            await UpdateAsync(unit, id, data, existing.Status, time.GetUtcNow(), actor).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "facility.update", $"facility:{id}", data.Name).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Facilities));
            return Result<Facility>.Ok((await GetAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the status last heard of (by phone, from the SAMU, the ARS...), with an optional note.</summary>
    public async Task<Result<Facility>> SetStatusAsync(long id, FacilityStatus status, string? note, string actor, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("note", note, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var existing = await GetAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false);
            if (existing is null)
            {
                return Problem.NotFound(ProblemCode.FacilityNotFound, id);
            }

            var now = Time.Truncate(time.GetUtcNow());
            var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            await unit.Connection.ExecuteAsync(
                "UPDATE facilities SET status = @status, status_note = @note, status_at_us = @now, status_by = @actor WHERE id = @id",
                new { id, status = WireName<FacilityStatus>.Of(status), note = cleanNote, now = Time.ToMicros(now), actor }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "facility.status", $"facility:{id}",
                $"{WireName<FacilityStatus>.Of(existing.Status)} → {WireName<FacilityStatus>.Of(status)}" + (cleanNote is null ? "" : $" ({cleanNote})")).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Facilities));
            return Result<Facility>.Ok(existing with { Status = status, StatusNote = cleanNote, StatusAt = now, StatusBy = actor });
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a facility that no redirection and no site refers to (those keep their history: mark it ferme instead).</summary>
    public Task<Result<bool>> DeleteAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var existing = await GetAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false);
            if (existing is null)
            {
                return Problem.NotFound(ProblemCode.FacilityNotFound, id);
            }

            var references = await unit.Connection.ExecuteScalarAsync<long>(
                "SELECT (SELECT COUNT(*) FROM redirections WHERE facility_id = @id) + (SELECT COUNT(*) FROM sites WHERE facility_id = @id)", new { id }, unit.Transaction).ConfigureAwait(false);
            if (references > 0)
            {
                return Problem.Conflict(null, ProblemCode.FacilityInUse, existing.Name);
            }

            await unit.Connection.ExecuteAsync("DELETE FROM facilities WHERE id = @id", new { id }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "facility.delete", $"facility:{id}", existing.Name).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Facilities));
            return Result<bool>.Ok(true);
        }, cancellationToken);

    private static Task<long?> FinessOwnerAsync(UnitOfWork unit, string finess) =>
        unit.Connection.ExecuteScalarAsync<long?>("SELECT id FROM facilities WHERE finess = @finess", new { finess }, unit.Transaction);

    private static Task<long> InsertAsync(UnitOfWork unit, FacilityData data, DateTimeOffset now, string actor) =>
        unit.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO facilities (finess, name, address, postcode, city, latitude, longitude, approximate, phone, ed_phone, samu_phone, capabilities, status, status_at_us, status_by, notes, updated_at_us, updated_by)
            VALUES (@Finess, @Name, @Address, @Postcode, @City, @Latitude, @Longitude, @Approximate, @Phone, @EdPhone, @SamuPhone, @Capabilities, @Status, @StatusAt, @StatusBy, @Notes, @Now, @Actor) RETURNING id
            """,
            Parameters(data, data.Status ?? FacilityStatus.Inconnu, data.Status is null ? null : now, data.Status is null ? null : actor, now, actor), unit.Transaction);

    private static Task UpdateAsync(UnitOfWork unit, long id, FacilityData data, FacilityStatus currentStatus, DateTimeOffset now, string actor)
    {
        var parameters = Parameters(data, data.Status ?? currentStatus, now, actor, now, actor);
        parameters.Add("Id", id);
        parameters.Add("StatusChanged", data.Status is null ? 0 : 1);
        return unit.Connection.ExecuteAsync(
            """
            UPDATE facilities SET finess = @Finess, name = @Name, address = @Address, postcode = @Postcode, city = @City, latitude = @Latitude, longitude = @Longitude,
                approximate = @Approximate, phone = @Phone, ed_phone = @EdPhone, samu_phone = @SamuPhone, capabilities = @Capabilities, notes = @Notes,
                status = @Status,
                status_at_us = CASE WHEN @StatusChanged = 1 THEN @StatusAt ELSE status_at_us END,
                status_by = CASE WHEN @StatusChanged = 1 THEN @StatusBy ELSE status_by END,
                updated_at_us = @Now, updated_by = @Actor
            WHERE id = @Id
            """, parameters, unit.Transaction);
    }

    private static DynamicParameters Parameters(FacilityData data, FacilityStatus status, DateTimeOffset? statusAt, string? statusBy, DateTimeOffset now, string actor)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Finess", data.Finess);
        parameters.Add("Name", data.Name);
        parameters.Add("Address", data.Address);
        parameters.Add("Postcode", data.Postcode);
        parameters.Add("City", data.City);
        parameters.Add("Latitude", data.Latitude);
        parameters.Add("Longitude", data.Longitude);
        parameters.Add("Approximate", data.Approximate ? 1 : 0);
        parameters.Add("Phone", data.Phone);
        parameters.Add("EdPhone", data.EdPhone);
        parameters.Add("SamuPhone", data.SamuPhone);
        parameters.Add("Capabilities", FacilityRow.JoinCapabilities(data.Capabilities));
        parameters.Add("Status", WireName<FacilityStatus>.Of(status));
        parameters.Add("StatusAt", statusAt is { } s ? Time.ToMicros(s) : null, System.Data.DbType.Int64);
        parameters.Add("StatusBy", statusBy);
        parameters.Add("Notes", data.Notes);
        parameters.Add("Now", Time.ToMicros(now));
        parameters.Add("Actor", actor);
        return parameters;
    }
}
