using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Geo;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>
/// The hospital's sites and, per site, the editable lists of clinical units and IT systems shown on the services board.
/// Shared by every incident; every change is audited. Services are never deleted (the journal refers to them): they are
/// deactivated.
/// </summary>
public sealed class SiteCatalogService(Database database, AuditLog audit, TimeProvider time)
{
    internal const string SiteColumns = "id AS Id, name AS Name, address AS Address, latitude AS Latitude, longitude AS Longitude, facility_id AS FacilityId, active AS Active";
    internal const string ServiceColumns = "id AS Id, site_id AS SiteId, category AS Category, code AS Code, name AS Name, emergency AS Emergency, sort AS Sort, active AS Active";

    public static Problem? Validate(SiteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if ((Limits.Text("name", input.Name, Limits.NameMaxLength) ?? Limits.Text("address", input.Address, Limits.ShortTextMaxLength, required: false)) is { } problem)
        {
            return problem;
        }

        if (input.Latitude is not { } lat || input.Longitude is not { } lon)
        {
            return Problem.Invalid(input.Latitude is null ? "latitude" : "longitude", ProblemCode.SiteCoordinatesRequired);
        }

        return GeoPoint.IsValid(lat, lon) ? null : Problem.Invalid(lat is < -90 or > 90 ? "latitude" : "longitude", ProblemCode.CoordinatesOutOfRange);
    }

    public static Problem? Validate(ServiceInput input, out ServiceCategory category)
    {
        ArgumentNullException.ThrowIfNull(input);
        category = default;
        if (Limits.Text("name", input.Name, Limits.NameMaxLength) is { } problem)
        {
            return problem;
        }

        var parsed = WireName<ServiceCategory>.ParseField("category", input.Category);
        if (!parsed.IsOk)
        {
            return parsed.Problem;
        }

        category = parsed.Value;
        return category == ServiceCategory.Si && input.Emergency
            ? Problem.Invalid("emergency", ProblemCode.EmergencyOnlyClinical)
            : null;
    }

    public Task<IReadOnlyList<Site>> ListSitesAsync(bool includeInactive = false, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ListSitesAsync(c, null, includeInactive), cancellationToken);

    internal static async Task<IReadOnlyList<Site>> ListSitesAsync(DbConnection connection, DbTransaction? transaction, bool includeInactive) =>
        (await connection.QueryAsync<SiteRow>($"SELECT {SiteColumns} FROM sites {(includeInactive ? "" : "WHERE active = 1")} ORDER BY id", transaction: transaction).ConfigureAwait(false))
        .Select(r => r.ToSite()).ToList();

    public Task<Site?> GetSiteAsync(long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => GetSiteAsync(c, null, id), cancellationToken);

    internal static async Task<Site?> GetSiteAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        (await connection.QuerySingleOrDefaultAsync<SiteRow>($"SELECT {SiteColumns} FROM sites WHERE id = @id", new { id }, transaction).ConfigureAwait(false))?.ToSite();

    /// <summary>Creates a site; with <paramref name="withDefaultServices"/> it gets the usual units and IT systems (<see cref="DefaultServices"/>).</summary>
    public async Task<Result<Site>> CreateSiteAsync(SiteInput input, bool withDefaultServices, string actor, CancellationToken cancellationToken = default)
    {
        if (Validate(input) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            if (await CheckSiteAsync(unit, null, input).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            var now = Time.ToMicros(time.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO sites (name, address, latitude, longitude, facility_id, active, created_at_us) VALUES (@name, @address, @lat, @lon, @facility, 1, @now) RETURNING id",
                new { name = input.Name!.Trim(), address = Clean(input.Address), lat = input.Latitude, lon = input.Longitude, facility = input.FacilityId, now }, unit.Transaction).ConfigureAwait(false);
            if (withDefaultServices)
            {
                var sort = 10;
                foreach (var (category, code, name, emergency) in DefaultServices.All)
                {
                    await unit.Connection.ExecuteAsync(
                        "INSERT INTO services (site_id, category, code, name, emergency, sort, active, created_at_us) VALUES (@id, @category, @code, @name, @emergency, @sort, 1, @now)",
                        new { id, category = WireName<ServiceCategory>.Of(category), code, name, emergency = emergency ? 1 : 0, sort, now }, unit.Transaction).ConfigureAwait(false);
                    sort += 10;
                }
            }

            await audit.WriteAsync(unit, actor, "site.create", $"site:{id}", input.Name.Trim()).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Sites));
            return Result<Site>.Ok((await GetSiteAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<Site>> UpdateSiteAsync(long id, SiteInput input, bool active, string actor, CancellationToken cancellationToken = default)
    {
        if (Validate(input) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            if (await GetSiteAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false) is null)
            {
                return Problem.NotFound(ProblemCode.SiteNotFound, id);
            }

            if (await CheckSiteAsync(unit, id, input).ConfigureAwait(false) is { } conflict)
            {
                return conflict;
            }

            await unit.Connection.ExecuteAsync(
                "UPDATE sites SET name = @name, address = @address, latitude = @lat, longitude = @lon, facility_id = @facility, active = @active WHERE id = @id",
                new { id, name = input.Name!.Trim(), address = Clean(input.Address), lat = input.Latitude, lon = input.Longitude, facility = input.FacilityId, active = active ? 1 : 0 }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "site.update", $"site:{id}", input.Name.Trim() + (active ? "" : " (inactive)")).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Sites));
            return Result<Site>.Ok((await GetSiteAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<HospitalService>> ListServicesAsync(long? siteId = null, bool includeInactive = false, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<HospitalService>>(async c =>
            (await c.QueryAsync<ServiceRow>(
                $"SELECT {ServiceColumns} FROM services WHERE (@siteId IS NULL OR site_id = @siteId) {(includeInactive ? "" : "AND active = 1")} ORDER BY site_id, category, sort, id",
                new { siteId }).ConfigureAwait(false)).Select(r => r.ToService()).ToList(), cancellationToken);

    public Task<HospitalService?> GetServiceAsync(long serviceId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => GetServiceAsync(c, null, serviceId), cancellationToken);

    internal static async Task<HospitalService?> GetServiceAsync(DbConnection connection, DbTransaction? transaction, long serviceId) =>
        (await connection.QuerySingleOrDefaultAsync<ServiceRow>($"SELECT {ServiceColumns} FROM services WHERE id = @serviceId", new { serviceId }, transaction).ConfigureAwait(false))?.ToService();

    public async Task<Result<HospitalService>> AddServiceAsync(long siteId, ServiceInput input, string actor, CancellationToken cancellationToken = default)
    {
        if (Validate(input, out var category) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            if (await GetSiteAsync(unit.Connection, unit.Transaction, siteId).ConfigureAwait(false) is null)
            {
                return Problem.NotFound(ProblemCode.SiteNotFound, siteId);
            }

            if (await NameTakenAsync(unit, siteId, null, input.Name!).ConfigureAwait(false))
            {
                return Problem.Conflict("name", ProblemCode.SiteServiceNameTaken, siteId, input.Name!.Trim());
            }

            var sort = input.Sort ?? (int)await unit.Connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(sort), 0) + 10 FROM services WHERE site_id = @siteId AND category = @category",
                new { siteId, category = WireName<ServiceCategory>.Of(category) }, unit.Transaction).ConfigureAwait(false);
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO services (site_id, category, code, name, emergency, sort, active, created_at_us) VALUES (@siteId, @category, NULL, @name, @emergency, @sort, 1, @now) RETURNING id",
                new { siteId, category = WireName<ServiceCategory>.Of(category), name = input.Name!.Trim(), emergency = input.Emergency ? 1 : 0, sort, now = Time.ToMicros(time.GetUtcNow()) },
                unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "service.create", $"site:{siteId}/service:{id}", input.Name.Trim()).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Sites));
            return Result<HospitalService>.Ok((await GetServiceAsync(unit.Connection, unit.Transaction, id).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames a service, changes its category, emergency mark or order, or (de)activates it.</summary>
    public async Task<Result<HospitalService>> UpdateServiceAsync(long siteId, long serviceId, ServiceInput input, bool active, string actor, CancellationToken cancellationToken = default)
    {
        if (Validate(input, out var category) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var service = await GetServiceAsync(unit.Connection, unit.Transaction, serviceId).ConfigureAwait(false);
            if (service is null || service.SiteId != siteId)
            {
                return Problem.NotFound(ProblemCode.SiteServiceNotFound, siteId, serviceId);
            }

            if (await NameTakenAsync(unit, siteId, serviceId, input.Name!).ConfigureAwait(false))
            {
                return Problem.Conflict("name", ProblemCode.SiteServiceNameTaken, siteId, input.Name!.Trim());
            }

            await unit.Connection.ExecuteAsync(
                "UPDATE services SET name = @name, category = @category, emergency = @emergency, sort = @sort, active = @active WHERE id = @serviceId",
                new { serviceId, name = input.Name!.Trim(), category = WireName<ServiceCategory>.Of(category), emergency = input.Emergency ? 1 : 0, sort = input.Sort ?? service.Sort, active = active ? 1 : 0 },
                unit.Transaction).ConfigureAwait(false);
            var detail = service.Name == input.Name.Trim() ? input.Name.Trim() : $"{service.Name} → {input.Name.Trim()}";
            await audit.WriteAsync(unit, actor, "service.update", $"site:{siteId}/service:{serviceId}", detail + (active ? "" : " (inactive)")).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Sites));
            return Result<HospitalService>.Ok((await GetServiceAsync(unit.Connection, unit.Transaction, serviceId).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Problem?> CheckSiteAsync(UnitOfWork unit, long? id, SiteInput input)
    {
        var taken = await unit.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sites WHERE lower(name) = lower(@name) AND (@id IS NULL OR id <> @id)", new { name = input.Name!.Trim(), id }, unit.Transaction).ConfigureAwait(false);
        if (taken > 0)
        {
            return Problem.Conflict("name", ProblemCode.SiteNameTaken, input.Name.Trim());
        }

        if (input.FacilityId is { } facility &&
            await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM facilities WHERE id = @facility", new { facility }, unit.Transaction).ConfigureAwait(false) == 0)
        {
            return Problem.Invalid("facilityId", ProblemCode.FacilityNotInDirectory, facility);
        }

        return null;
    }

    private static async Task<bool> NameTakenAsync(UnitOfWork unit, long siteId, long? serviceId, string name) =>
        await unit.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM services WHERE site_id = @siteId AND lower(name) = lower(@name) AND (@serviceId IS NULL OR id <> @serviceId)",
            new { siteId, name = name.Trim(), serviceId }, unit.Transaction).ConfigureAwait(false) > 0;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal sealed class SiteRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string? Address { get; set; }
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public long? FacilityId { get; set; }
        public long Active { get; set; }

        public Site ToSite() => new(Id, Name, Address, Latitude, Longitude, FacilityId, Active != 0);
    }

    internal sealed class ServiceRow
    {
        public long Id { get; set; }
        public long SiteId { get; set; }
        public string Category { get; set; } = "";
        public string? Code { get; set; }
        public string Name { get; set; } = "";
        public long Emergency { get; set; }
        public long Sort { get; set; }
        public long Active { get; set; }

        public HospitalService ToService() => new(Id, SiteId, WireName<ServiceCategory>.Parse(Category), Code, Name, Emergency != 0, (int)Sort, Active != 0);
    }
}
