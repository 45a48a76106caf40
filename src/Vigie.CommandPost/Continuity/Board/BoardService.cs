using System.Globalization;
using System.Text;
using Dapper;
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
public sealed class BoardService(Database database, JournalService journal, ChangeRecorder changes, HospitalClock clock)
{
    /// <summary>At most this many services change in one grouped change.</summary>
    public const int MaxBulk = 200;

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
            return Problem.Invalid("reason", ProblemCode.StatusReasonRequired);
        }

        if (Limits.Text("reason", change.Reason, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        if (change.NextReviewAt is { } next && next < now - Limits.ClockSkew)
        {
            return Problem.Invalid("nextReviewAt", ProblemCode.NextReviewInPast, next);
        }

        if (change.PlannedReopenAt is { } reopen && reopen < now - Limits.ClockSkew)
        {
            return Problem.Invalid("plannedReopenAt", ProblemCode.PlannedReopenInPast, reopen);
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
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var effective = Time.Truncate(change.EffectiveAt ?? now);
            if (EffectiveProblem(incident, change, effective, now) is { } effectiveProblem)
            {
                return effectiveProblem;
            }

            var planned = await PlanAsync(unit, incidentId, serviceId, change, effective, now, alone: true).ConfigureAwait(false);
            if (!planned.IsOk)
            {
                return planned.Problem;
            }

            // Writes start here: from now on, failures throw and roll everything back.
            var plan = planned.Value;
            var times = clock.ForText();
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Site.Name} / {plan.Service.Name} : {BoardStore.StatusText(plan.OldStatus, plan.Service.Category)} → {BoardStore.StatusText(change.Status, plan.Service.Category)}."));
            if (plan.Reason is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" Motif : {plan.Reason}.");
            }

            if (plan.NextReview is { } nr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réévaluation : {times.At(nr)}.");
            }

            if (plan.PlannedReopen is { } pr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réouverture prévue : {times.At(pr)}.");
            }

            AppendEffective(text, times, incident, change, effective, now);
            var kind = plan.Service.Category == ServiceCategory.Clinique ? JournalKind.Decision : JournalKind.Fait;
            var entry = await Record(changes, unit, incidentId, author, kind, text.ToString(), "service", serviceId,
                new AuditLine("service.status", $"incident:{incidentId}/service:{serviceId}", WireName<ServiceStatus>.Of(change.Status)), effective).ConfigureAwait(false);
            var state = await ApplyAsync(unit, incidentId, plan, effective, now, author, entry.Seq).ConfigureAwait(false);
            return Result<ServiceState>.Ok(state);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Several services or IT systems change together: one status, one reason, one time (which may be earlier than
    /// now: "every IT system stopped at 03:00"), one journal entry naming each of them, one transaction. A service already
    /// in that state is left as it is; a change that would open a diversion (an emergency department closed, a unit on
    /// diversion) is refused here: it needs its category and re-evaluation, on the service's own page.
    /// </summary>
    public async Task<Result<IReadOnlyList<ServiceState>>> ChangeManyAsync(long incidentId, IReadOnlyList<long> serviceIds, StatusChange change, string author,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        ArgumentNullException.ThrowIfNull(change);
        var ids = serviceIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Problem.Invalid("serviceIds", ProblemCode.NoServiceChosen);
        }

        if (ids.Count > MaxBulk)
        {
            return Problem.Invalid("serviceIds", ProblemCode.TooManyServices, MaxBulk);
        }

        if (change.Diversion is not null)
        {
            return Problem.Invalid("diversion", ProblemCode.BulkNoDiversion);
        }

        if (Validate(change) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync<Result<IReadOnlyList<ServiceState>>>(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var effective = Time.Truncate(change.EffectiveAt ?? now);
            if (EffectiveProblem(incident, change, effective, now) is { } effectiveProblem)
            {
                return effectiveProblem;
            }

            var plans = new List<Plan>(ids.Count);
            foreach (var id in ids)
            {
                var planned = await PlanAsync(unit, incidentId, id, change, effective, now, alone: false).ConfigureAwait(false);
                if (!planned.IsOk)
                {
                    return planned.Problem;
                }

                if (!planned.Value.Unchanged)
                {
                    plans.Add(planned.Value);
                }
            }

            if (plans.Count == 0)
            {
                return Problem.Conflict("status", ProblemCode.BulkUnchanged);
            }

            // Writes start here: from now on, failures throw and roll everything back.
            var times = clock.ForText();
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Changement groupé ({plans.Count}) : "));
            text.AppendJoin(" ; ", plans.Select(p =>
                $"{p.Site.Name} / {p.Service.Name} : {BoardStore.StatusText(p.OldStatus, p.Service.Category)} → {BoardStore.StatusText(change.Status, p.Service.Category)}"));
            text.Append('.');
            if (plans[0].Reason is { } reason)
            {
                text.Append(CultureInfo.InvariantCulture, $" Motif : {reason}.");
            }

            if (plans[0].NextReview is { } nr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réévaluation : {times.At(nr)}.");
            }

            if (plans[0].PlannedReopen is { } pr)
            {
                text.Append(CultureInfo.InvariantCulture, $" Réouverture prévue : {times.At(pr)}.");
            }

            AppendEffective(text, times, incident, change, effective, now);
            var kind = plans.Any(p => p.Service.Category == ServiceCategory.Clinique) ? JournalKind.Decision : JournalKind.Fait;
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(kind, FrenchText.Typeset(text.ToString()), effective),
                new AuditLine("service.status", $"incident:{incidentId}/services:{string.Join(',', plans.Select(p => p.Service.Id))}", WireName<ServiceStatus>.Of(change.Status)),
                ContinuityTopics.Services).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var states = new List<ServiceState>(plans.Count);
            foreach (var plan in plans)
            {
                states.Add(await ApplyAsync(unit, incidentId, plan, effective, now, author, entry.Value.Seq).ConfigureAwait(false));
            }

            return states;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An effective time is never in the future, and before the detection only with a reason.</summary>
    private Problem? EffectiveProblem(Incident incident, StatusChange change, DateTimeOffset effective, DateTimeOffset now)
    {
        if (effective > now + Limits.ClockSkew)
        {
            return Problem.Invalid("effectiveAt", ProblemCode.EffectiveAtInFuture, effective);
        }

        if (Limits.Text("beforeDetectionReason", change.BeforeDetectionReason, Limits.ShortTextMaxLength, required: false) is { } tooLong)
        {
            return tooLong;
        }

        if (effective < incident.DetectedAt && string.IsNullOrWhiteSpace(change.BeforeDetectionReason))
        {
            return Problem.Invalid("beforeDetectionReason", ProblemCode.EffectiveAtBeforeDetectionNeedsReason, effective, incident.DetectedAt);
        }

        return null;
    }

    /// <summary>Says in the journal when it really happened, when that is not when it was typed.</summary>
    private static void AppendEffective(StringBuilder text, JournalTimes times, Incident incident, StatusChange change, DateTimeOffset effective, DateTimeOffset now)
    {
        if (effective < now - Limits.ClockSkew)
        {
            text.Append(CultureInfo.InvariantCulture, $" Heure effective : {times.At(effective)}, saisie le {times.At(now)}.");
        }

        if (effective < incident.DetectedAt)
        {
            text.Append(CultureInfo.InvariantCulture, $" Antérieur à la détection ({times.At(incident.DetectedAt)}) : {change.BeforeDetectionReason!.Trim()}.");
        }
    }

    /// <summary>Reads and checks what one service's change needs, before anything is written.</summary>
    private async Task<Result<Plan>> PlanAsync(UnitOfWork unit, long incidentId, long serviceId, StatusChange change, DateTimeOffset effective, DateTimeOffset now, bool alone)
    {
        var service = await SiteCatalogService.GetServiceAsync(unit.Connection, unit.Transaction, serviceId).ConfigureAwait(false);
        var site = service is null ? null : await SiteCatalogService.GetSiteAsync(unit.Connection, unit.Transaction, service.SiteId).ConfigureAwait(false);
        if (service is null || !service.Active || site is null)
        {
            return Problem.NotFound(ProblemCode.ServiceNotFound, serviceId);
        }

        if (change.Status == ServiceStatus.Diversion && service.Category == ServiceCategory.Si)
        {
            return Problem.Invalid("status", ProblemCode.ItSystemNoDiversion, service.Name);
        }

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
            if (!alone)
            {
                return Problem.Invalid("serviceIds", ProblemCode.BulkDiversionOnUnitPage, service.Name);
            }

            if (change.Diversion is null)
            {
                return Problem.Invalid("diversion.category", ProblemCode.DiversionDetailsRequired, service.Name);
            }

            // A diversion recorded late starts when the closure really happened.
            var request = change.Diversion.StartedAt is null && effective < now ? change.Diversion with { StartedAt = effective } : change.Diversion;
            if (DiversionService.Validate(request, now, out var parsed) is { } diversionProblem)
            {
                return diversionProblem;
            }

            opening = parsed!;
            nextReview ??= (opening.StartedAt > now ? opening.StartedAt : now).AddMinutes(opening.ReviewIntervalMinutes);
        }
        else if (needsDiversion && change.Diversion is not null)
        {
            return Problem.Conflict("diversion", ProblemCode.DiversionAlreadyInForce, active!.Id, service.Name);
        }
        else if (needsDiversion)
        {
            nextReview ??= active!.NextReviewAt;
        }

        var unchanged = (before is not null && oldStatus == change.Status && before.Reason == reason &&
                         before.NextReviewAtUs == ToMicros(nextReview) && before.PlannedReopenAtUs == ToMicros(plannedReopen)) ||
                        (before is null && change.Status == ServiceStatus.Normal);
        if (unchanged && alone)
        {
            return before is null
                ? Problem.Conflict("status", ProblemCode.ServiceAlreadyNormal, service.Name)
                : Problem.Conflict("status", ProblemCode.ServiceUnchanged, service.Name);
        }

        if (!unchanged && await BoardStore.LastChangeAtUsAsync(unit, incidentId, serviceId).ConfigureAwait(false) is { } lastUs && Time.ToMicros(effective) < lastUs)
        {
            return Problem.Conflict("effectiveAt", ProblemCode.ChangeBeforeLastChange, service.Name, Time.FromMicros(lastUs), effective);
        }

        return new Plan(service, site, before, oldStatus, active, needsDiversion, reason, nextReview, plannedReopen, opening, change.Status, unchanged);
    }

    /// <summary>Writes one service's planned change under the journal entry <paramref name="seq"/>.</summary>
    private async Task<ServiceState> ApplyAsync(UnitOfWork unit, long incidentId, Plan plan, DateTimeOffset effective, DateTimeOffset now, string author, long seq)
    {
        var since = plan.Before is not null && plan.OldStatus == plan.Status ? Time.FromMicros(plan.Before.SinceAtUs) : effective;
        await BoardStore.UpsertStateAsync(unit, incidentId, plan.Service.Id, plan.Status, plan.Reason, since, plan.NextReview, plan.PlannedReopen, now, author, seq, effective).ConfigureAwait(false);

        long? diversionId = plan.Active?.Id;
        if (plan.Opening is not null)
        {
            diversionId = await DiversionService.OpenAsync(unit, journal, clock, incidentId, plan.Service, plan.Site, plan.Opening, plan.NextReview!.Value, author).ConfigureAwait(false);
        }
        else if (plan.Active is { } active && !plan.NeedsDiversion)
        {
            await BoardStore.EndDiversionAsync(unit, active.Id, effective, author, $"statut {BoardStore.StatusText(plan.Status, plan.Service.Category)}").ConfigureAwait(false);
            await Append(unit, incidentId, author, JournalKind.Decision,
                $"Fin du délestage n°{active.Id} ({plan.Site.Name} / {plan.Service.Name}, {active.CategoryText}) : service {BoardStore.StatusText(plan.Status, plan.Service.Category)}.",
                "diversion", active.Id, effective).ConfigureAwait(false);
            diversionId = null;
        }
        else if (plan.Active is { } kept && plan.NextReview is { } moved && moved != kept.NextReviewAt)
        {
            // The unit stays diverted with a new re-evaluation time: the diversion follows.
            await unit.Connection.ExecuteAsync("UPDATE diversions SET next_review_at_us = @next WHERE id = @id",
                new { id = kept.Id, next = Time.ToMicros(moved) }, unit.Transaction).ConfigureAwait(false);
        }

        return new ServiceState(plan.Service, plan.Status, plan.Reason, since, plan.NextReview, plan.PlannedReopen, author, seq, diversionId);
    }

    internal static async Task<JournalEntry> Append(JournalService journal, UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, long linkId,
        DateTimeOffset? occurredAt = null)
    {
        var entry = await journal.AppendAsync(unit, incidentId, author,
            new NewJournalEntry(kind, FrenchText.Typeset(text), occurredAt, Link: new JournalLink(linkType, linkId.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
        return entry.IsOk ? entry.Value : throw new InvalidOperationException(entry.Problem.Message);
    }

    /// <summary>Records a change of the services board (journal entry linked to the unit or diversion, audit line, notice on the board's topic).</summary>
    internal static async Task<JournalEntry> Record(ChangeRecorder changes, UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, long linkId,
        AuditLine auditLine, DateTimeOffset? occurredAt = null)
    {
        var entry = await changes.RecordAsync(unit, incidentId, author,
            new NewJournalEntry(kind, FrenchText.Typeset(text), occurredAt, Link: new JournalLink(linkType, linkId.ToString(CultureInfo.InvariantCulture))), auditLine, ContinuityTopics.Services).ConfigureAwait(false);
        return entry.IsOk ? entry.Value : throw new InvalidOperationException(entry.Problem.Message);
    }

    private Task<JournalEntry> Append(UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, long linkId, DateTimeOffset? occurredAt = null) =>
        Append(journal, unit, incidentId, author, kind, text, linkType, linkId, occurredAt);

    private static DateTimeOffset? Truncate(DateTimeOffset? value) => value is { } v ? Time.Truncate(v) : null;

    private static long? ToMicros(DateTimeOffset? value) => value is { } v ? Time.ToMicros(v) : null;

    private sealed record Plan(
        HospitalService Service,
        Site Site,
        BoardStore.StateRow? Before,
        ServiceStatus OldStatus,
        Diversion? Active,
        bool NeedsDiversion,
        string? Reason,
        DateTimeOffset? NextReview,
        DateTimeOffset? PlannedReopen,
        NewDiversion? Opening,
        ServiceStatus Status,
        bool Unchanged);

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
