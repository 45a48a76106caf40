using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>SQL shared by the board, diversions and reminders: one service's state in an incident, and diversions.</summary>
internal static class BoardStore
{
    public const string DiversionColumns =
        "d.id AS Id, d.incident_id AS IncidentId, d.service_id AS ServiceId, s.name AS ServiceName, s.site_id AS SiteId, st.name AS SiteName, " +
        "d.category AS Category, d.custom_category AS CustomCategory, d.started_at_us AS StartedAtUs, d.planned_end_at_us AS PlannedEndAtUs, " +
        "d.review_interval_min AS ReviewIntervalMin, d.next_review_at_us AS NextReviewAtUs, d.reviews AS Reviews, d.ended_at_us AS EndedAtUs, " +
        "d.ended_by AS EndedBy, d.end_reason AS EndReason, d.created_by AS CreatedBy, d.journal_seq AS JournalSeq";

    public const string DiversionFrom = "diversions d JOIN services s ON s.id = d.service_id JOIN sites st ON st.id = s.site_id";

    private const string StateColumns =
        "status AS Status, reason AS Reason, since_at_us AS SinceAtUs, next_review_at_us AS NextReviewAtUs, planned_reopen_at_us AS PlannedReopenAtUs, " +
        "updated_by AS UpdatedBy, journal_seq AS JournalSeq";

    /// <summary>The state of a service in an incident, locked for update on PostgreSQL (SQLite holds the write lock).</summary>
    public static Task<StateRow?> LockStateAsync(UnitOfWork unit, long incidentId, long serviceId) =>
        unit.Connection.QuerySingleOrDefaultAsync<StateRow>(
            unit.Sql(
                $"SELECT {StateColumns} FROM service_states WHERE incident_id = @incidentId AND service_id = @serviceId",
                $"SELECT {StateColumns} FROM service_states WHERE incident_id = @incidentId AND service_id = @serviceId FOR UPDATE"),
            new { incidentId, serviceId }, unit.Transaction);

    /// <summary>
    /// Writes the service's current status and appends it to its history (same transaction). The history is dated
    /// <paramref name="at"/>: when the change really happened (default <paramref name="now"/>, when it was recorded).
    /// </summary>
    public static async Task UpsertStateAsync(UnitOfWork unit, long incidentId, long serviceId, ServiceStatus status, string? reason, DateTimeOffset since,
        DateTimeOffset? nextReview, DateTimeOffset? plannedReopen, DateTimeOffset now, string author, long journalSeq, DateTimeOffset? at = null)
    {
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO service_states (incident_id, service_id, status, reason, since_at_us, next_review_at_us, planned_reopen_at_us, reminded_for_us, updated_at_us, updated_by, journal_seq)
            VALUES (@incidentId, @serviceId, @status, @reason, @since, @next, @reopen, NULL, @now, @author, @journalSeq)
            ON CONFLICT (incident_id, service_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, since_at_us = excluded.since_at_us,
                next_review_at_us = excluded.next_review_at_us, planned_reopen_at_us = excluded.planned_reopen_at_us, reminded_for_us = NULL,
                updated_at_us = excluded.updated_at_us, updated_by = excluded.updated_by, journal_seq = excluded.journal_seq
            """,
            new
            {
                incidentId,
                serviceId,
                status = WireName<ServiceStatus>.Of(status),
                reason,
                since = Time.ToMicros(since),
                next = nextReview is { } n ? Time.ToMicros(n) : (long?)null,
                reopen = plannedReopen is { } r ? Time.ToMicros(r) : (long?)null,
                now = Time.ToMicros(now),
                author,
                journalSeq,
            },
            unit.Transaction).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO service_status_history (incident_id, service_id, status, reason, at_us, author, journal_seq)
            VALUES (@incidentId, @serviceId, @status, @reason, @now, @author, @journalSeq)
            """,
            new { incidentId, serviceId, status = WireName<ServiceStatus>.Of(status), reason, now = Time.ToMicros(at ?? now), author, journalSeq },
            unit.Transaction).ConfigureAwait(false);
    }

    /// <summary>When the service's last recorded change happened in this incident (its history), or null.</summary>
    public static Task<long?> LastChangeAtUsAsync(UnitOfWork unit, long incidentId, long serviceId) =>
        unit.Connection.ExecuteScalarAsync<long?>(
            "SELECT MAX(at_us) FROM service_status_history WHERE incident_id = @incidentId AND service_id = @serviceId",
            new { incidentId, serviceId }, unit.Transaction);

    public static async Task<Diversion?> ActiveDiversionAsync(UnitOfWork unit, long incidentId, long serviceId) =>
        (await unit.Connection.QuerySingleOrDefaultAsync<DiversionRow>(
            unit.Sql(
                $"SELECT {DiversionColumns} FROM {DiversionFrom} WHERE d.incident_id = @incidentId AND d.service_id = @serviceId AND d.ended_at_us IS NULL",
                $"SELECT {DiversionColumns} FROM {DiversionFrom} WHERE d.incident_id = @incidentId AND d.service_id = @serviceId AND d.ended_at_us IS NULL FOR UPDATE OF d"),
            new { incidentId, serviceId }, unit.Transaction).ConfigureAwait(false))?.ToDiversion();

    /// <summary>Ends a diversion (no journal entry: the caller writes it).</summary>
    public static Task EndDiversionAsync(UnitOfWork unit, long diversionId, DateTimeOffset now, string author, string reason) =>
        unit.Connection.ExecuteAsync(
            "UPDATE diversions SET ended_at_us = @now, ended_by = @author, end_reason = @reason WHERE id = @diversionId AND ended_at_us IS NULL",
            new { diversionId, now = Time.ToMicros(now), author, reason }, unit.Transaction);

    /// <summary>How the journal names a status, for a clinical unit or an IT system.</summary>
    public static string StatusText(ServiceStatus status, ServiceCategory category) => status switch
    {
        ServiceStatus.Normal => "normal",
        ServiceStatus.Degrade => "mode dégradé",
        ServiceStatus.Ferme => category == ServiceCategory.Si ? "arrêté" : "fermé",
        _ => "en délestage",
    };

    public static string Interval(int minutes) =>
        minutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");

    internal sealed class StateRow
    {
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public long SinceAtUs { get; set; }
        public long? NextReviewAtUs { get; set; }
        public long? PlannedReopenAtUs { get; set; }
        public string UpdatedBy { get; set; } = "";
        public long JournalSeq { get; set; }

        public ServiceStatus ParsedStatus => WireName<ServiceStatus>.Parse(Status);
    }

    internal sealed class DiversionRow
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public long ServiceId { get; set; }
        public string ServiceName { get; set; } = "";
        public long SiteId { get; set; }
        public string SiteName { get; set; } = "";
        public string Category { get; set; } = "";
        public string? CustomCategory { get; set; }
        public long StartedAtUs { get; set; }
        public long? PlannedEndAtUs { get; set; }
        public long ReviewIntervalMin { get; set; }
        public long NextReviewAtUs { get; set; }
        public long Reviews { get; set; }
        public long? EndedAtUs { get; set; }
        public string? EndedBy { get; set; }
        public string? EndReason { get; set; }
        public string CreatedBy { get; set; } = "";
        public long JournalSeq { get; set; }

        public Diversion ToDiversion() => new(Id, IncidentId, ServiceId, ServiceName, SiteId, SiteName, WireName<DiversionCategory>.Parse(Category), CustomCategory,
            Time.FromMicros(StartedAtUs), PlannedEndAtUs is { } p ? Time.FromMicros(p) : null, (int)ReviewIntervalMin, Time.FromMicros(NextReviewAtUs), (int)Reviews,
            EndedAtUs is { } e ? Time.FromMicros(e) : null, EndedBy, EndReason, CreatedBy, JournalSeq);
    }
}
