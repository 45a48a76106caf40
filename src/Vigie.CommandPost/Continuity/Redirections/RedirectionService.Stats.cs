using System.Globalization;
using Dapper;
using nietras.SeparatedValues;
using Vigie.CommandPost.Common;
using Vigie.Hunt;

namespace Vigie.CommandPost.Continuity.Redirections;

public sealed partial class RedirectionService
{
    /// <summary>Label of the vital-emergency exceptions in the counts by destination.</summary>
    public const string KeptOnSiteLabel = "Pris en charge sur place (urgence vitale, tri 1)";

    private static readonly string[] s_exportColumns = ["incident", "debut_heure", "fin_heure", "destination", "finess", "tri", "patients"];

    /// <summary>Counts by hour (local), destination and triage; reads no patient identification, so anyone who can read the incident may see them.</summary>
    public Task<RedirectionStats> StatsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<StatRow>(
                "SELECT arrived_at_us AS ArrivedAtUs, triage AS Triage, outcome AS Outcome, facility_id AS FacilityId, dest_name AS DestName, dest_finess AS DestFiness FROM redirections WHERE incident_id = @incidentId ORDER BY arrived_at_us",
                new { incidentId }).ConfigureAwait(false)).ToList();
            return Aggregate(incidentId, rows);
        }, cancellationToken);

    /// <summary>
    /// The counts as CSV for the ARS, with no patient data: one line per hour of arrival, destination and triage level,
    /// with the hour's start and end in local time and their UTC offset (unambiguous across daylight-saving changes),
    /// ';'-separated as French spreadsheets expect (the web host adds a UTF-8 byte-order mark). Every cell goes through
    /// <see cref="CsvFormulaGuard"/> (a facility name is typed by any member). The export is audited.
    /// </summary>
    public async Task<string> ExportCsvAsync(long incidentId, string reader, CancellationToken cancellationToken = default)
    {
        var rows = await database.WriteAsync(async unit =>
        {
            var found = (await unit.Connection.QueryAsync<StatRow>(
                "SELECT arrived_at_us AS ArrivedAtUs, triage AS Triage, outcome AS Outcome, facility_id AS FacilityId, dest_name AS DestName, dest_finess AS DestFiness FROM redirections WHERE incident_id = @incidentId ORDER BY arrived_at_us",
                new { incidentId }, unit.Transaction).ConfigureAwait(false)).ToList();
            await audit.WriteAsync(unit, reader, "redirection.export", $"incident:{incidentId}", string.Create(CultureInfo.InvariantCulture, $"{found.Count} patient(s), counts only")).ConfigureAwait(false);
            return found;
        }, cancellationToken).ConfigureAwait(false);

        if (rows.Count == 0)
        {
            return string.Join(';', s_exportColumns) + Environment.NewLine;
        }

        var lines = rows
            .GroupBy(r => (Hour: HourStart(Time.FromMicros(r.ArrivedAtUs)), Destination: r.DestName ?? KeptOnSiteLabel, Finess: r.DestFiness, Triage: (int)r.Triage))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Destination, StringComparer.Ordinal).ThenBy(g => g.Key.Triage);
        using var writer = Sep.New(';').Writer(o => o with { Escape = true }).ToText();
        writer.Header.Add(s_exportColumns);
        foreach (var group in lines)
        {
            using var row = writer.NewRow();
            row["incident"].Set(CsvFormulaGuard.Cell(incidentId.ToString(CultureInfo.InvariantCulture)));
            row["debut_heure"].Set(CsvFormulaGuard.Cell(clock.Local(group.Key.Hour).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)));
            row["fin_heure"].Set(CsvFormulaGuard.Cell(clock.Local(group.Key.Hour.AddHours(1)).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)));
            row["destination"].Set(CsvFormulaGuard.Cell(group.Key.Destination));
            row["finess"].Set(CsvFormulaGuard.Cell(group.Key.Finess ?? ""));
            row["tri"].Set(CsvFormulaGuard.Cell(group.Key.Triage.ToString(CultureInfo.InvariantCulture)));
            row["patients"].Set(CsvFormulaGuard.Cell(group.Count().ToString(CultureInfo.InvariantCulture)));
        }

        writer.Flush();
        return writer.ToString();
    }

    private RedirectionStats Aggregate(long incidentId, List<StatRow> rows)
    {
        var byTriage = new int[5];
        var hours = new SortedDictionary<DateTimeOffset, int[]>();
        var destinations = new Dictionary<(long?, string), (string? Finess, int[] Counts)>();
        var kept = 0;
        foreach (var row in rows)
        {
            var triage = (int)Math.Clamp(row.Triage, 1, 5) - 1;
            byTriage[triage]++;
            var hour = HourStart(Time.FromMicros(row.ArrivedAtUs));
            if (!hours.TryGetValue(hour, out var counts))
            {
                hours[hour] = counts = new int[5];
            }

            counts[triage]++;
            var vital = row.Outcome == WireName<RedirectionOutcome>.Of(RedirectionOutcome.UrgenceVitaleSurPlace);
            kept += vital ? 1 : 0;
            var key = (row.FacilityId, vital ? KeptOnSiteLabel : row.DestName ?? "?");
            if (!destinations.TryGetValue(key, out var destination))
            {
                destinations[key] = destination = (row.DestFiness, new int[5]);
            }

            destination.Counts[triage]++;
        }

        return new RedirectionStats(
            incidentId,
            rows.Count,
            rows.Count - kept,
            kept,
            byTriage,
            hours.Select(h => new HourCount(h.Key, h.Value.Sum(), h.Value)).ToList(),
            destinations.Select(d => new DestinationCount(d.Key.Item1, d.Key.Item2, d.Value.Finess, d.Value.Counts.Sum(), d.Value.Counts))
                .OrderByDescending(d => d.Count).ThenBy(d => d.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>The first instant of the local hour that contains <paramref name="instant"/> (hours are local: Paris time).</summary>
    private DateTimeOffset HourStart(DateTimeOffset instant)
    {
        var local = clock.Local(instant);
        var start = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
        return start.ToUniversalTime();
    }

    private sealed class StatRow
    {
        public long ArrivedAtUs { get; set; }
        public long Triage { get; set; }
        public string Outcome { get; set; } = "";
        public long? FacilityId { get; set; }
        public string? DestName { get; set; }
        public string? DestFiness { get; set; }
    }
}
