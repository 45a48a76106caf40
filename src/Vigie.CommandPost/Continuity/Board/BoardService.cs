using System.Globalization;
using System.Text;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>
/// The services board of an incident: the status of every clinical unit and IT system of every site. Each change is
/// journaled in the same transaction; closing an emergency department or putting a unit on diversion opens a
/// diversion, and bringing it back ends the diversion.
/// </summary>
public sealed class BoardService(Database database, JournalService journal, AuditLog audit, HospitalClock clock)
{
    public async Task<ServiceBoard?> GetAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return await database.ReadAsync(async c =>
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = @incidentId", new { incidentId }).ConfigureAwait(false) == 0)
            {
                return null;
            }

            var sites = await SiteCatalogService.ListSitesAsync(c, null, includeInactive: false).ConfigureAwait(false);
            var rows = (await c.QueryAsync<BoardRow>(
                """
                SELECT s.id AS Id, s.site_id AS SiteId, s.category AS Category, s.code AS Code, s.name AS Name, s.emergency AS Emergency, s.sort AS Sort, s.active AS Active,
                       ss.status AS Status, ss.reason AS Reason, ss.since_at_us AS SinceAtUs, ss.next_review_at_us AS NextReviewAtUs,
                       ss.planned_reopen_at_us AS PlannedReopenAtUs, ss.updated_by AS UpdatedBy, ss.journal_seq AS JournalSeq,
                       (SELECT MAX(d.id) FROM diversions d WHERE d.incident_id = @incidentId AND d.service_id = s.id AND d.ended_at_us IS NULL) AS DiversionId
                FROM services s
                LEFT JOIN service_states ss ON ss.service_id = s.id AND ss.incident_id = @incidentId
                WHERE s.active = 1
                ORDER BY s.site_id, s.category, s.sort, s.id
                """, new { incidentId }).ConfigureAwait(false)).ToList();
            var diversions = (await c.QueryAsync<BoardStore.DiversionRow>(
                $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId AND d.ended_at_us IS NULL ORDER BY d.id",
                new { incidentId }).ConfigureAwait(false)).Select(r => r.ToDiversion()).ToList();
            var boards = sites.Select(site => new SiteBoard(site, rows.Where(r => r.SiteId == site.Id).Select(r => r.ToState()).ToList())).ToList();
            return new ServiceBoard(incidentId, now, boards, diversions);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a status change before anything is written: text lengths, times not in the past, diversion fields.</summary>
    public Problem? Validate(StatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var now = clock.GetUtcNow();
        if (change.Status != ServiceStatus.Normal && string.IsNullOrWhiteSpace(change.Reason))
        {
            return Problem.Invalid("reason", "reason is required when a service is not normal (what happened, what is decided).");
        }

        if (Limits.Text("reason", change.Reason, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        if (change.NextReviewAt is { } next && next < now - Limits.ClockSkew)
        {
            return Problem.Invalid("nextReviewAt", $"nextReviewAt {Time.Canonical(next)} is in the past.");
        }

        if (change.PlannedReopenAt is { } reopen && reopen < now - Limits.ClockSkew)
        {
            return Problem.Invalid("plannedReopenAt", $"plannedReopenAt {Time.Canonical(reopen)} is in the past.");
        }

        return change.Diversion is { } diversion ? DiversionService.Validate(diversion, now, out _) : null;
    }

    public async Task<Result<ServiceState>> ChangeStatusAsync(long incidentId, long serviceId, StatusChange change, string author, CancellationToken cancellationToken = default)
    {
        if (Validate(change) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound($"Incident {incidentId} does not exist.");
            }

            var service = await SiteCatalogService.GetServiceAsync(unit.Connection, unit.Transaction, serviceId).ConfigureAwait(false);
            var site = service is null ? null : await SiteCatalogService.GetSiteAsync(unit.Connection, unit.Transaction, service.SiteId).ConfigureAwait(false);
            if (service is null || !service.Active || site is null)
            {
                return Problem.NotFound($"Service {serviceId} does not exist or is no longer listed.");
            }

            if (change.Status == ServiceStatus.Diversion && service.Category == ServiceCategory.Si)
            {
                return Problem.Invalid("status", "an IT system cannot be on diversion: use ferme (stopped) or degrade.");
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var before = await BoardStore.LockStateAsync(unit, incidentId, serviceId).ConfigureAwait(false);
            var oldStatus = before?.ParsedStatus ?? ServiceStatus.Normal;
            var active = await BoardStore.ActiveDiversionAsync(unit, incidentId, serviceId).ConfigureAwait(false);
            var needsDiversion = service.Category == ServiceCategory.Clinique &&
                                 (change.Status == ServiceStatus.Diversion || (change.Status == ServiceStatus.Ferme && service.Emergency));
            var reason = string.IsNullOrWhiteSpace(change.Reason) ? null : change.Reason.Trim();
            var nextReview = change.Status == ServiceStatus.Normal ? null : Truncate(change.NextReviewAt);
            var plannedReopen = change.Status == ServiceStatus.Normal ? null : Truncate(change.PlannedReopenAt);

            NewDiversion? opening = null;
            if (needsDiversion && active is null)
            {
                if (change.Diversion is null)
                {
                    return Problem.Invalid("diversion.category",
                        $"{service.Name}: closing an emergency department or putting a unit on diversion opens a diversion; give its category, planned end and re-evaluation interval.");
                }

                _ = DiversionService.Validate(change.Diversion, now, out var parsed);
                opening = parsed!;
                nextReview ??= (opening.StartedAt > now ? opening.StartedAt : now).AddMinutes(opening.ReviewIntervalMinutes);
            }
            else if (needsDiversion && change.Diversion is not null)
            {
                return Problem.Conflict($"Diversion n°{active!.Id} is already in force for {service.Name}: re-evaluate or end it on its page.", "diversion");
            }
            else if (needsDiversion)
            {
                nextReview ??= active!.NextReviewAt;
            }

            if (before is not null && oldStatus == change.Status && before.Reason == reason &&
                before.NextReviewAtUs == ToMicros(nextReview) && before.PlannedReopenAtUs == ToMicros(plannedReopen))
            {
                return Problem.Conflict($"{service.Name} already has this status, reason and dates.", "status");
            }

            if (before is null && change.Status == ServiceStatus.Normal)
            {
                return Problem.Conflict($"{service.Name} is already normal.", "status");
            }

            // Writes start here: from now on, failures throw and roll everything back.
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{site.Name} / {service.Name} : {BoardStore.StatusText(oldStatus, service.Category)} → {BoardStore.StatusText(change.Status, service.Category)}."));
            if (reason is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" Motif : {reason}.");
            }

            var times = clock.ForText();
            if (nextReview is { } nr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réévaluation : {times.At(nr)}.");
            }

            if (plannedReopen is { } pr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réouverture prévue : {times.At(pr)}.");
            }

            var kind = service.Category == ServiceCategory.Clinique ? JournalKind.Decision : JournalKind.Fait;
            var entry = await Append(unit, incidentId, author, kind, text.ToString(), "service", serviceId).ConfigureAwait(false);
            var since = before is not null && oldStatus == change.Status ? Time.FromMicros(before.SinceAtUs) : now;
            await BoardStore.UpsertStateAsync(unit, incidentId, serviceId, change.Status, reason, since, nextReview, plannedReopen, now, author, entry.Seq).ConfigureAwait(false);

            long? diversionId = active?.Id;
            if (opening is not null)
            {
                diversionId = await DiversionService.OpenAsync(unit, journal, clock, incidentId, service, site, opening, nextReview!.Value, author).ConfigureAwait(false);
            }
            else if (active is not null && !needsDiversion)
            {
                await BoardStore.EndDiversionAsync(unit, active.Id, now, author, $"statut {BoardStore.StatusText(change.Status, service.Category)}").ConfigureAwait(false);
                await Append(unit, incidentId, author, JournalKind.Decision,
                    $"Fin du délestage n°{active.Id} ({site.Name} / {service.Name}, {active.CategoryText}) : service {BoardStore.StatusText(change.Status, service.Category)}.",
                    "diversion", active.Id).ConfigureAwait(false);
                diversionId = null;
            }
            else if (active is not null && nextReview is { } moved && moved != active.NextReviewAt)
            {
                // The unit stays diverted with a new re-evaluation time: the diversion follows.
                await unit.Connection.ExecuteAsync("UPDATE diversions SET next_review_at_us = @next WHERE id = @id",
                    new { id = active.Id, next = Time.ToMicros(moved) }, unit.Transaction).ConfigureAwait(false);
            }

            await audit.WriteAsync(unit, author, "service.status", $"incident:{incidentId}/service:{serviceId}", WireName<ServiceStatus>.Of(change.Status)).ConfigureAwait(false);
            unit.Publish(new Storage.IncidentChange(incidentId, ContinuityTopics.Services));
            return Result<ServiceState>.Ok(new ServiceState(service, change.Status, reason, since, nextReview, plannedReopen, author, entry.Seq, diversionId));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends a text continuity wrote (typeset as French: <see cref="FrenchText.Typeset"/>).</summary>
    internal static async Task<JournalEntry> Append(JournalService journal, UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, long linkId)
    {
        var entry = await journal.AppendAsync(unit, incidentId, author,
            new NewJournalEntry(kind, FrenchText.Typeset(text), Link: new JournalLink(linkType, linkId.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
        return entry.IsOk ? entry.Value : throw new InvalidOperationException(entry.Problem.Message);
    }

    private Task<JournalEntry> Append(UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, long linkId) =>
        Append(journal, unit, incidentId, author, kind, text, linkType, linkId);

    private static DateTimeOffset? Truncate(DateTimeOffset? value) => value is { } v ? Time.Truncate(v) : null;

    private static long? ToMicros(DateTimeOffset? value) => value is { } v ? Time.ToMicros(v) : null;

    private sealed class BoardRow
    {
        public long Id { get; set; }
        public long SiteId { get; set; }
        public string Category { get; set; } = "";
        public string? Code { get; set; }
        public string Name { get; set; } = "";
        public long Emergency { get; set; }
        public long Sort { get; set; }
        public long Active { get; set; }
        public string? Status { get; set; }
        public string? Reason { get; set; }
        public long? SinceAtUs { get; set; }
        public long? NextReviewAtUs { get; set; }
        public long? PlannedReopenAtUs { get; set; }
        public string? UpdatedBy { get; set; }
        public long? JournalSeq { get; set; }
        public long? DiversionId { get; set; }

        public ServiceState ToState() => new(
            new HospitalService(Id, SiteId, WireName<ServiceCategory>.Parse(Category), Code, Name, Emergency != 0, (int)Sort, Active != 0),
            Status is null ? ServiceStatus.Normal : WireName<ServiceStatus>.Parse(Status),
            Reason,
            SinceAtUs is { } s ? Time.FromMicros(s) : null,
            NextReviewAtUs is { } n ? Time.FromMicros(n) : null,
            PlannedReopenAtUs is { } p ? Time.FromMicros(p) : null,
            UpdatedBy,
            JournalSeq,
            DiversionId);
    }
}
