using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Overview;

/// <summary>
/// Reads the crisis board of an incident (<see cref="CrisisOverview"/>): one connection, one bounded query per part
/// (incident, deadlines, actions, services, diversions, desk counts, latest entries, situation point), never a query per
/// row, and nothing that grows with the journal (the latest entries come from the primary key, newest first).
/// <para>
/// Thirty screens on the wall and on laptops refresh together after every change: the board is computed once per
/// change of that incident and shared (callers arriving while it is computed wait for the same result). It is
/// recomputed after a committed change of the incident (<see cref="ChangeFeed"/>), when a status would change by the
/// clock alone (<see cref="CrisisOverview.ValidUntil"/>), and at least every <see cref="MaxAge"/>.
/// </para>
/// </summary>
public sealed class OverviewService
{
    public const int MaxDeadlines = 6;
    public const int MaxOverdueActions = 6;
    public const int MaxDown = 48;
    public const int MaxDiversions = 4;
    public const int LatestEntries = 8;

    /// <summary>The longest a computed board is served without a change (the clock moves the displayed countdowns client-side).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private const string ActionColumns =
        "id AS Id, incident_id AS IncidentId, title AS Title, owner AS Owner, due_at_us AS DueAtUs, status AS Status, created_at_us AS CreatedAtUs, created_by AS CreatedBy, updated_at_us AS UpdatedAtUs";

    private readonly Database _database;
    private readonly DeadlineService _deadlines;
    private readonly HospitalClock _clock;
    private readonly ConcurrentDictionary<long, long> _versions = new();
    private readonly ConcurrentDictionary<long, Entry> _cache = new();
    private readonly Lock _gate = new();
    private long _globalVersion;
    private long _computed;

    public OverviewService(Database database, DeadlineService deadlines, HospitalClock clock)
    {
        _database = database;
        _deadlines = deadlines;
        _clock = clock;
        database.Feed.Changed += OnChanged;
    }

    /// <summary>How many times a board was actually read from the database (the rest were served from the shared copy).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>The board of the incident, shared between callers until something changes; null when the incident does not exist.</summary>
    public Task<CrisisOverview?> GetAsync(long incidentId)
    {
        var now = _clock.GetUtcNow();
        var version = Version(incidentId);
        lock (_gate)
        {
            if (_cache.TryGetValue(incidentId, out var entry) && entry.Version == version && entry.IsFresh(now))
            {
                return entry.Task;
            }

            // Never the caller's cancellation: other screens wait for the same read.
            var fresh = new Entry(version, ReadAsync(incidentId, now, full: false, CancellationToken.None));
            _cache[incidentId] = fresh;
            return fresh.Task;
        }
    }

    /// <summary>Reads the whole board now, without the shared copy and without the screen's limits (the situation point takes its figures here).</summary>
    public Task<CrisisOverview?> ReadAllAsync(long incidentId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ReadAsync(incidentId, now, full: true, cancellationToken);

    private async Task<CrisisOverview?> ReadAsync(long incidentId, DateTimeOffset now, bool full = false, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _computed);
        var catalog = _deadlines.Catalog;
        return await _database.ReadAsync(c => ReadAsync(c, catalog, incidentId, Time.Truncate(now), full), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CrisisOverview?> ReadAsync(DbConnection c, DeadlineCatalog catalog, long incidentId, DateTimeOffset now, bool full)
    {
        var incidentRow = await c.QuerySingleOrDefaultAsync<IncidentRow>($"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @incidentId", new { incidentId }).ConfigureAwait(false);
        if (incidentRow is null)
        {
            return null;
        }

        var incident = incidentRow.ToIncident();
        var nowUs = Time.ToMicros(now);

        // Deadlines: the cell's answers, start events and sendings, evaluated against the rules in force.
        var state = await DeadlineService.LoadStateAsync(c, null, incidentId).ConfigureAwait(false);
        var board = _deadlines.Board(catalog, incident, state, now);
        // The board shows the clocks that run (a notification whose start has not happened has none); the situation point all of them.
        var owed = board.Deadlines.Where(d => d.IsOpen && d.Status != DeadlineStatus.NonApplicable && (full || d.DueAt is not null))
            .OrderBy(d => Urgency(d.Status)).ThenBy(d => d.DueAt ?? DateTimeOffset.MaxValue).ToList();
        var sent = board.Deadlines.Where(d => d.Sent is not null).OrderBy(d => d.Sent!.SentAt).ToList();

        // Actions: how many are open and overdue, and the most overdue.
        var actionCounts = await c.QuerySingleAsync<ActionCounts>(
            """
            SELECT COUNT(*) AS Open,
                   COALESCE(SUM(CASE WHEN due_at_us IS NOT NULL AND due_at_us < @nowUs THEN 1 ELSE 0 END), 0) AS Overdue,
                   MIN(CASE WHEN due_at_us >= @nowUs THEN due_at_us END) AS NextDueUs
            FROM actions WHERE incident_id = @incidentId AND status IN ('a_faire', 'en_cours')
            """, new { incidentId, nowUs }).ConfigureAwait(false);
        var overdueActions = actionCounts.Overdue == 0
            ? []
            : (await c.QueryAsync<ActionRow>(
                $"SELECT {ActionColumns} FROM actions WHERE incident_id = @incidentId AND status IN ('a_faire', 'en_cours') AND due_at_us < @nowUs ORDER BY due_at_us, id LIMIT @limit",
                new { incidentId, nowUs, limit = full ? 10_000 : MaxOverdueActions }).ConfigureAwait(false)).Select(r => r.ToAction()).ToList();

        // Services and IT systems that are not normal: clinical units first, emergency departments first.
        var down = (await c.QueryAsync<DownRow>(
            """
            SELECT s.id AS ServiceId, st.name AS Site, s.name AS Name, s.category AS Category, s.emergency AS Emergency, ss.status AS Status, ss.reason AS Reason,
                   ss.since_at_us AS SinceAtUs, ss.next_review_at_us AS NextReviewAtUs
            FROM service_states ss JOIN services s ON s.id = ss.service_id JOIN sites st ON st.id = s.site_id
            WHERE ss.incident_id = @incidentId AND ss.status <> 'normal' AND s.active = 1 AND st.active = 1
            ORDER BY CASE WHEN s.category = 'clinique' THEN 0 ELSE 1 END, s.emergency DESC, s.site_id, s.sort, s.id
            """, new { incidentId }).ConfigureAwait(false)).Select(r => r.ToDown()).ToList();

        var diversions = (await c.QueryAsync<BoardStore.DiversionRow>(
            $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId AND d.ended_at_us IS NULL ORDER BY d.next_review_at_us, d.id LIMIT @limit",
            new { incidentId, limit = full ? 10_000 : MaxDiversions }).ConfigureAwait(false)).Select(r => r.ToDiversion()).ToList();
        var totals = (await c.QueryAsync<TotalRow>(
            "SELECT s.category AS Category, COUNT(*) AS N FROM services s JOIN sites st ON st.id = s.site_id WHERE s.active = 1 AND st.active = 1 GROUP BY s.category").ConfigureAwait(false)).ToList();
        var clinicalTotal = (int)totals.Where(t => t.Category == WireName<ServiceCategory>.Of(ServiceCategory.Clinique)).Sum(t => t.N);
        var itTotal = (int)totals.Where(t => t.Category == WireName<ServiceCategory>.Of(ServiceCategory.Si)).Sum(t => t.N);

        // The desk: counts only, never a patient's identification.
        var byTriage = new int[5];
        int total = 0, kept = 0;
        foreach (var row in await c.QueryAsync<CountRow>(
                     "SELECT triage AS Triage, outcome AS Outcome, COUNT(*) AS N FROM redirections WHERE incident_id = @incidentId GROUP BY triage, outcome",
                     new { incidentId }).ConfigureAwait(false))
        {
            var n = (int)row.N;
            byTriage[Math.Clamp((int)row.Triage, 1, 5) - 1] += n;
            total += n;
            kept += row.Outcome == WireName<RedirectionOutcome>.Of(RedirectionOutcome.UrgenceVitaleSurPlace) ? n : 0;
        }

        var latest = await JournalService.ListAsync(c, incidentId, new JournalQuery(Limit: LatestEntries, NewestFirst: true)).ConfigureAwait(false);
        var point = await c.QuerySingleOrDefaultAsync<PointRow>(
            "SELECT number AS Number, created_at_us AS CreatedAtUs, next_point_at_us AS NextPointAtUs FROM situation_points WHERE incident_id = @incidentId ORDER BY number DESC LIMIT 1",
            new { incidentId }).ConfigureAwait(false);
        var lastPoint = point is null ? null : new LastSituationPoint((int)point.Number, Time.FromMicros(point.CreatedAtUs), point.NextPointAtUs is { } n2 ? Time.FromMicros(n2) : null);

        // The first instant a status shown here changes by the clock alone.
        var validUntil = now + MaxAge;
        void Until(DateTimeOffset? at)
        {
            if (at is { } t && t > now && t < validUntil)
            {
                validUntil = t;
            }
        }

        foreach (var d in owed)
        {
            Until(d.AmberAt);
            Until(d.DueAt);
        }

        Until(actionCounts.NextDueUs is { } nextDue ? Time.FromMicros(nextDue) : null);
        foreach (var s in down)
        {
            Until(s.NextReviewAt);
        }

        foreach (var d in diversions)
        {
            Until(d.NextReviewAt);
        }

        Until(lastPoint?.NextPointAt);
        return new CrisisOverview(incident, now, full ? owed : owed.Take(MaxDeadlines).ToList(), sent, (int)actionCounts.Open, overdueActions, (int)actionCounts.Overdue,
            full ? down : down.Take(MaxDown).ToList(), down.Count, clinicalTotal, itTotal, diversions, new DeskCounts(total, total - kept, kept, byTriage), latest, lastPoint, validUntil);
    }

    private static int Urgency(DeadlineStatus status) => status switch
    {
        DeadlineStatus.SansDelai or DeadlineStatus.Depassee => 0,
        DeadlineStatus.Proche => 1,
        DeadlineStatus.AVenir => 2,
        _ => 3,
    };

    private long Version(long incidentId) => _versions.GetValueOrDefault(incidentId) + Interlocked.Read(ref _globalVersion);

    private void OnChanged(IncidentChange change)
    {
        if (change.IncidentId == 0)
        {
            // Sites, services and facilities belong to every incident's board.
            Interlocked.Increment(ref _globalVersion);
            return;
        }

        _versions.AddOrUpdate(change.IncidentId, 1, (_, v) => v + 1);
    }

    private sealed record Entry(long Version, Task<CrisisOverview?> Task)
    {
        /// <summary>In flight (shared), or done and not past its validity; a failed read is never served again.</summary>
        public bool IsFresh(DateTimeOffset now) =>
            !Task.IsCompleted || (Task.IsCompletedSuccessfully && (Task.Result is null || now < Task.Result.ValidUntil));
    }

    private sealed class ActionCounts
    {
        public long Open { get; set; }
        public long Overdue { get; set; }
        public long? NextDueUs { get; set; }
    }

    private sealed class ActionRow
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

    private sealed class DownRow
    {
        public long ServiceId { get; set; }
        public string Site { get; set; } = "";
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public long Emergency { get; set; }
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public long SinceAtUs { get; set; }
        public long? NextReviewAtUs { get; set; }

        public DownService ToDown() => new(ServiceId, Site, Name, WireName<ServiceCategory>.Parse(Category), Emergency != 0, WireName<ServiceStatus>.Parse(Status), Reason,
            Time.FromMicros(SinceAtUs), NextReviewAtUs is { } n ? Time.FromMicros(n) : null);
    }

    private sealed class CountRow
    {
        public long Triage { get; set; }
        public string Outcome { get; set; } = "";
        public long N { get; set; }
    }

    private sealed class TotalRow
    {
        public string Category { get; set; } = "";
        public long N { get; set; }
    }

    private sealed class PointRow
    {
        public long Number { get; set; }
        public long CreatedAtUs { get; set; }
        public long? NextPointAtUs { get; set; }
    }
}
