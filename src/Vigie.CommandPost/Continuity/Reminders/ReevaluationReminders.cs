using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Reminders;

/// <summary>
/// Reminders of due re-evaluations. The board computes "overdue" on every read; this adds, once per due time, a journal
/// note signed <c>vigie</c> ("Rappel : réévaluation due ...") and a live push, so that every open board and journal
/// shows it without a reload. The web host runs <see cref="RunDueAsync"/> in the background, waking at
/// <see cref="NextDueAsync"/>; closed incidents get no reminders.
/// </summary>
public sealed class ReevaluationReminders(Database database, JournalService journal, HospitalClock clock)
{
    private const string DueCondition =
        "ss.status <> 'normal' AND ss.next_review_at_us IS NOT NULL AND (ss.reminded_for_us IS NULL OR ss.reminded_for_us <> ss.next_review_at_us) AND i.phase <> 'cloture'";

    /// <summary>The earliest re-evaluation not reminded yet (may be in the past), or null when none is scheduled.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var next = await c.ExecuteScalarAsync<long?>(
                $"SELECT MIN(ss.next_review_at_us) FROM service_states ss JOIN incidents i ON i.id = ss.incident_id WHERE {DueCondition}").ConfigureAwait(false);
            return next is { } n ? Time.FromMicros(n) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <summary>Journals a reminder for every re-evaluation due now and not reminded yet; returns how many.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.ToMicros(clock.GetUtcNow());
        var due = await database.ReadAsync(async c => (await c.QueryAsync<Due>(
            $"SELECT ss.incident_id AS IncidentId, ss.service_id AS ServiceId FROM service_states ss JOIN incidents i ON i.id = ss.incident_id WHERE {DueCondition} AND ss.next_review_at_us <= @now ORDER BY ss.next_review_at_us",
            new { now }).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var item in due)
        {
            if (await RemindAsync(item.IncidentId, item.ServiceId, now, cancellationToken).ConfigureAwait(false))
            {
                written++;
            }
        }

        return written;
    }

    private Task<bool> RemindAsync(long incidentId, long serviceId, long now, CancellationToken cancellationToken) =>
        database.WriteAsync(async unit =>
        {
            // Read again under the lock: the service may have been re-evaluated or another server may have reminded it.
            var row = await unit.Connection.QuerySingleOrDefaultAsync<Row>(
                unit.Sql(
                    $"SELECT ss.next_review_at_us AS NextReviewAtUs, ss.status AS Status, s.name AS ServiceName, s.category AS Category, st.name AS SiteName FROM service_states ss JOIN services s ON s.id = ss.service_id JOIN sites st ON st.id = s.site_id JOIN incidents i ON i.id = ss.incident_id WHERE ss.incident_id = @incidentId AND ss.service_id = @serviceId AND {DueCondition} AND ss.next_review_at_us <= @now",
                    $"SELECT ss.next_review_at_us AS NextReviewAtUs, ss.status AS Status, s.name AS ServiceName, s.category AS Category, st.name AS SiteName FROM service_states ss JOIN services s ON s.id = ss.service_id JOIN sites st ON st.id = s.site_id JOIN incidents i ON i.id = ss.incident_id WHERE ss.incident_id = @incidentId AND ss.service_id = @serviceId AND {DueCondition} AND ss.next_review_at_us <= @now FOR UPDATE OF ss"),
                new { incidentId, serviceId, now }, unit.Transaction).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            var diversion = await unit.Connection.ExecuteScalarAsync<long?>(
                "SELECT MAX(id) FROM diversions WHERE incident_id = @incidentId AND service_id = @serviceId AND ended_at_us IS NULL", new { incidentId, serviceId }, unit.Transaction).ConfigureAwait(false);
            var status = BoardStore.StatusText(WireName<ServiceStatus>.Parse(row.Status), WireName<Sites.ServiceCategory>.Parse(row.Category));
            var what = diversion is { } d ? string.Create(CultureInfo.InvariantCulture, $"délestage n°{d}, ") : "";
            await BoardService.Append(journal, unit, incidentId, ContinuityTopics.SystemAuthor, JournalKind.Note,
                $"Rappel : réévaluation due pour {row.SiteName} / {row.ServiceName} ({what}{status}), prévue le {clock.TextWithZone(Time.FromMicros(row.NextReviewAtUs))}.",
                "service", serviceId).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                "UPDATE service_states SET reminded_for_us = next_review_at_us WHERE incident_id = @incidentId AND service_id = @serviceId",
                new { incidentId, serviceId }, unit.Transaction).ConfigureAwait(false);
            unit.Publish(new IncidentChange(incidentId, ContinuityTopics.Services));
            return true;
        }, cancellationToken);

    private sealed class Due
    {
        public long IncidentId { get; set; }
        public long ServiceId { get; set; }
    }

    private sealed class Row
    {
        public long NextReviewAtUs { get; set; }
        public string Status { get; set; } = "";
        public string ServiceName { get; set; } = "";
        public string Category { get; set; } = "";
        public string SiteName { get; set; } = "";
    }
}
