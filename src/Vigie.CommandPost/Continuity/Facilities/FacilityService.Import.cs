using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Facilities;

public sealed partial class FacilityService
{
    /// <summary>
    /// Imports a CSV file of facilities in one transaction. Lines are matched to existing facilities by FINESS number,
    /// else by name (case-insensitive); matched ones are updated (their status only when the file has one), the others
    /// created. With refused lines, nothing is written unless <see cref="FacilityImportOptions.ValidOnly"/>.
    /// </summary>
    public async Task<Result<FacilityImportReport>> ImportAsync(ReadOnlyMemory<byte> content, FacilityImportOptions options, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (content.Length == 0)
        {
            return Problem.Invalid("file", ProblemCode.FileEmpty);
        }

        if (content.Length > MaxImportBytes)
        {
            return Problem.Invalid("file", ProblemCode.ImportTooLarge, content.Length / 1024 / 1024.0, MaxImportBytes / 1024 / 1024);
        }

        var csv = FacilityCsvReader.Read(content.Span);
        var write = !options.DryRun && (csv.Errors.Count == 0 || options.ValidOnly) && csv.Rows.Count > 0;
        if (!write)
        {
            var (created, updated, unchanged) = await database.ReadAsync(async c => Plan(await ListAsync(c, null).ConfigureAwait(false), csv.Rows).Counts, cancellationToken).ConfigureAwait(false);
            return new FacilityImportReport(csv.Encoding, csv.Separator, csv.DataLines, created, updated, unchanged, csv.Errors, csv.IgnoredColumns, false, options.DryRun);
        }

        return await database.WriteAsync(async unit =>
        {
            var plan = Plan(await ListAsync(unit.Connection, unit.Transaction).ConfigureAwait(false), csv.Rows);
            var now = time.GetUtcNow();
            foreach (var (data, existing) in plan.Steps)
            {
                if (existing is null)
                {
                    await InsertAsync(unit, data, now, actor).ConfigureAwait(false);
                }
                else if (!Same(existing, data))
                {
                    await UpdateAsync(unit, existing.Id, data, existing.Status, now, actor).ConfigureAwait(false);
                }
            }

            var (created, updated, unchanged) = plan.Counts;
            await audit.WriteAsync(unit, actor, "facility.import", "facilities",
                string.Create(CultureInfo.InvariantCulture, $"{csv.Encoding}, '{csv.Separator}': {created} created, {updated} updated, {unchanged} unchanged, {csv.Errors.Count} refused")).ConfigureAwait(false);
            unit.Publish(new IncidentChange(0, ContinuityTopics.Facilities));
            return Result<FacilityImportReport>.Ok(new FacilityImportReport(csv.Encoding, csv.Separator, csv.DataLines, created, updated, unchanged, csv.Errors, csv.IgnoredColumns, true, false));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports the directory shipped with Vigie for the Armentières territory (see Sample/README.md).</summary>
    public Task<Result<FacilityImportReport>> ImportSampleAsync(string actor, CancellationToken cancellationToken = default) =>
        ImportAsync(SampleTerritory.Bytes(), new FacilityImportOptions(), actor, cancellationToken);

    /// <summary>For each valid line, the facility it updates (null: a new one). A later line may update what an earlier line creates.</summary>
    private static ImportPlan Plan(IReadOnlyList<Facility> existing, IReadOnlyList<FacilityCsvRow> rows)
    {
        var byFiness = existing.Where(f => f.Finess is not null).ToDictionary(f => f.Finess!, StringComparer.Ordinal);
        var byName = new Dictionary<string, Facility>(StringComparer.OrdinalIgnoreCase);
        foreach (var facility in existing)
        {
            byName.TryAdd(facility.Name, facility);
        }

        var createdNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var steps = new List<(FacilityData, Facility?)>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var data = row.Data;
            Facility? match = null;
            if (data.Finess is { } finess && byFiness.TryGetValue(finess, out var sameFiness))
            {
                match = sameFiness;
            }
            else if (byName.TryGetValue(data.Name, out var sameName) && (sameName.Finess is null || data.Finess is null))
            {
                match = sameName;
            }

            if (match is null && !createdNames.Add(data.Name) && data.Finess is null)
            {
                // Same name twice without FINESS in one file: the second line is a duplicate of the first.
                unchanged++;
                continue;
            }

            steps.Add((data, match));
            if (match is null)
            {
                created++;
            }
            else if (Same(match, data))
            {
                unchanged++;
            }
            else
            {
                updated++;
            }
        }

        return new ImportPlan(steps, (created, updated, unchanged));
    }

    private static bool Same(Facility f, FacilityData d) =>
        f.Finess == d.Finess && f.Name == d.Name && f.Address == d.Address && f.Postcode == d.Postcode && f.City == d.City &&
        f.Latitude.Equals(d.Latitude) && f.Longitude.Equals(d.Longitude) && f.Approximate == d.Approximate && f.Phone == d.Phone &&
        f.EdPhone == d.EdPhone && f.SamuPhone == d.SamuPhone && f.Capabilities.SequenceEqual(d.Capabilities) && f.Notes == d.Notes &&
        (d.Status is null || d.Status == f.Status);

    private sealed record ImportPlan(IReadOnlyList<(FacilityData Data, Facility? Existing)> Steps, (int Created, int Updated, int Unchanged) Counts);
}
