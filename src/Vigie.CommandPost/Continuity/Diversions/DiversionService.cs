using System.Globalization;
using System.Text;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>
/// Emergency diversions of an incident: opened by the board (closing an emergency department, a unit on diversion),
/// re-evaluated at their interval (each re-evaluation journaled, the next one scheduled) and ended (journaled; the unit
/// goes back to normal or degraded mode).
/// </summary>
public sealed class DiversionService(Database database, ChangeRecorder changes, HospitalClock clock)
{
    public static Problem? Validate(DiversionRequest request, DateTimeOffset now, out NewDiversion? parsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        parsed = null;
        var category = WireName<DiversionCategory>.ParseField("diversion.category", request.Category);
        if (!category.IsOk)
        {
            return category.Problem;
        }

        if (category.Value == DiversionCategory.Autre && string.IsNullOrWhiteSpace(request.CustomCategory))
        {
            return Problem.Invalid("diversion.customCategory", ProblemCode.DiversionCustomCategoryRequired);
        }

        if (Limits.Text("diversion.customCategory", request.CustomCategory, Limits.NameMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        var interval = request.ReviewIntervalMinutes ?? Diversion.DefaultReviewIntervalMinutes;
        if (interval is < Diversion.MinReviewIntervalMinutes or > Diversion.MaxReviewIntervalMinutes)
        {
            return Problem.Invalid("diversion.reviewIntervalMinutes", ProblemCode.ReviewIntervalOutOfRange, Diversion.MinReviewIntervalMinutes, Diversion.MaxReviewIntervalMinutes / 1440);
        }

        var started = Time.Truncate(request.StartedAt ?? now);
        if (started > now + Limits.ClockSkew)
        {
            return Problem.Invalid("diversion.startedAt", ProblemCode.DiversionStartInFuture, started);
        }

        if (request.PlannedEndAt is { } end && end <= started)
        {
            return Problem.Invalid("diversion.plannedEndAt", ProblemCode.PlannedEndBeforeStart);
        }

        parsed = new NewDiversion(category.Value, category.Value == DiversionCategory.Autre ? request.CustomCategory!.Trim() : null,
            started, request.PlannedEndAt is { } e ? Time.Truncate(e) : null, interval);
        return null;
    }

    public Task<IReadOnlyList<Diversion>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<Diversion>>(async c =>
            (await c.QueryAsync<BoardStore.DiversionRow>(
                $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId ORDER BY d.id DESC", new { incidentId }).ConfigureAwait(false))
            .Select(r => r.ToDiversion()).ToList(), cancellationToken);

    public Task<Diversion?> GetAsync(long incidentId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<BoardStore.DiversionRow>(
                $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId AND d.id = @id", new { incidentId, id }).ConfigureAwait(false))?.ToDiversion(),
            cancellationToken);

    /// <summary>Records a re-evaluation that keeps the diversion and schedules the next one (now + interval).</summary>
    public async Task<Result<Diversion>> ReviewAsync(long incidentId, long id, DiversionReview review, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var now = Time.Truncate(clock.GetUtcNow());
        if (Limits.Text("note", review.Note, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        if (review.ReviewIntervalMinutes is < Diversion.MinReviewIntervalMinutes or > Diversion.MaxReviewIntervalMinutes)
        {
            return Problem.Invalid("reviewIntervalMinutes", ProblemCode.ReviewIntervalOutOfRange, Diversion.MinReviewIntervalMinutes, Diversion.MaxReviewIntervalMinutes / 1440);
        }

        if (review.PlannedEndAt is { } plannedEnd && plannedEnd < now - Limits.ClockSkew)
        {
            return Problem.Invalid("plannedEndAt", ProblemCode.PlannedEndInPast, plannedEnd);
        }

        return await database.WriteAsync(async unit =>
        {
            var diversion = await LockAsync(unit, incidentId, id).ConfigureAwait(false);
            if (diversion is null)
            {
                return Problem.NotFound(ProblemCode.DiversionNotFound, incidentId, id);
            }

            if (!diversion.IsActive)
            {
                return Problem.Conflict(null, ProblemCode.DiversionEnded, id, diversion.EndedAt!.Value);
            }

            var interval = review.ReviewIntervalMinutes ?? diversion.ReviewIntervalMinutes;
            var next = now.AddMinutes(interval);
            var plannedEnd = review.PlannedEndAt is { } p ? Time.Truncate(p) : diversion.PlannedEndAt;
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"Réévaluation du délestage n°{id} ({diversion.SiteName} / {diversion.ServiceName}, {diversion.CategoryText}) : maintenu."));
            if (!string.IsNullOrWhiteSpace(review.Note))
            {
                text.Append(CultureInfo.InvariantCulture, $" {review.Note.Trim().TrimEnd('.')}.");
            }

            var times = clock.ForText();
            text.Append(CultureInfo.InvariantCulture, $" Prochaine réévaluation : {times.At(next)}");
            text.Append(interval != diversion.ReviewIntervalMinutes ? $" (désormais toutes les {BoardStore.Interval(interval)})." : ".");
            if (plannedEnd != diversion.PlannedEndAt && plannedEnd is { } pe)
            {
                text.Append(CultureInfo.InvariantCulture, $" Fin prévue : {times.At(pe)}.");
            }

            var entry = await BoardService.Record(changes, unit, incidentId, author, JournalKind.Decision, text.ToString(), "diversion", id,
                new AuditLine("diversion.review", $"incident:{incidentId}/diversion:{id}")).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                "UPDATE diversions SET reviews = reviews + 1, next_review_at_us = @next, review_interval_min = @interval, planned_end_at_us = @plannedEnd WHERE id = @id",
                new { id, next = Time.ToMicros(next), interval, plannedEnd = plannedEnd is { } x ? Time.ToMicros(x) : (long?)null }, unit.Transaction).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                "UPDATE service_states SET next_review_at_us = @next, planned_reopen_at_us = COALESCE(@plannedEnd, planned_reopen_at_us), reminded_for_us = NULL, updated_at_us = @now, updated_by = @author, journal_seq = @seq WHERE incident_id = @incidentId AND service_id = @serviceId",
                new { incidentId, serviceId = diversion.ServiceId, next = Time.ToMicros(next), plannedEnd = plannedEnd is { } y ? Time.ToMicros(y) : (long?)null, now = Time.ToMicros(now), author, seq = entry.Seq },
                unit.Transaction).ConfigureAwait(false);
            return Result<Diversion>.Ok(diversion with { NextReviewAt = next, ReviewIntervalMinutes = interval, PlannedEndAt = plannedEnd, Reviews = diversion.Reviews + 1 });
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a diversion; its unit goes back to <paramref name="resume"/> (normal or degrade).</summary>
    public async Task<Result<Diversion>> EndAsync(long incidentId, long id, string? reason, ServiceStatus resume, string author, CancellationToken cancellationToken = default)
    {
        if (resume is not (ServiceStatus.Normal or ServiceStatus.Degrade))
        {
            return Problem.Invalid("serviceStatus", ProblemCode.StatusAfterDiversion);
        }

        if (Limits.Text("reason", reason, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var diversion = await LockAsync(unit, incidentId, id).ConfigureAwait(false);
            if (diversion is null)
            {
                return Problem.NotFound(ProblemCode.DiversionNotFound, incidentId, id);
            }

            if (!diversion.IsActive)
            {
                return Problem.Conflict(null, ProblemCode.DiversionAlreadyEnded, id, diversion.EndedAt!.Value);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var cleanReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim().TrimEnd('.');
            var service = await SiteCatalogService.GetServiceAsync(unit.Connection, unit.Transaction, diversion.ServiceId).ConfigureAwait(false);
            var category = service?.Category ?? ServiceCategory.Clinique;
            var before = await BoardStore.LockStateAsync(unit, incidentId, diversion.ServiceId).ConfigureAwait(false);
            var text = $"Fin du délestage n°{id} ({diversion.SiteName} / {diversion.ServiceName}, {diversion.CategoryText}, depuis le {clock.TextWithZone(diversion.StartedAt)}) : " +
                       $"service {BoardStore.StatusText(resume, category)}." + (cleanReason is null ? "" : $" Motif : {cleanReason}.");
            var entry = await BoardService.Record(changes, unit, incidentId, author, JournalKind.Decision, text, "diversion", id,
                new AuditLine("diversion.end", $"incident:{incidentId}/diversion:{id}", WireName<ServiceStatus>.Of(resume))).ConfigureAwait(false);
            await BoardStore.EndDiversionAsync(unit, id, now, author, cleanReason ?? "").ConfigureAwait(false);
            var since = before is not null && before.ParsedStatus == resume ? Time.FromMicros(before.SinceAtUs) : now;
            await BoardStore.UpsertStateAsync(unit, incidentId, diversion.ServiceId, resume, resume == ServiceStatus.Normal ? null : cleanReason ?? "Fin du délestage",
                since, null, null, now, author, entry.Seq).ConfigureAwait(false);
            return Result<Diversion>.Ok(diversion with { EndedAt = now, EndedBy = author, EndReason = cleanReason ?? "" });
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a diversion inside the board's transaction and journals it; returns its id.</summary>
    internal static async Task<long> OpenAsync(UnitOfWork unit, JournalService journal, HospitalClock clock, long incidentId, HospitalService service, Site site,
        NewDiversion diversion, DateTimeOffset nextReview, string author)
    {
        var id = await unit.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO diversions (incident_id, service_id, category, custom_category, started_at_us, planned_end_at_us, review_interval_min, next_review_at_us, reviews, created_by, journal_seq)
            VALUES (@incidentId, @serviceId, @category, @custom, @started, @plannedEnd, @interval, @next, 0, @author, 0) RETURNING id
            """,
            new
            {
                incidentId,
                serviceId = service.Id,
                category = WireName<DiversionCategory>.Of(diversion.Category),
                custom = diversion.CustomCategory,
                started = Time.ToMicros(diversion.StartedAt),
                plannedEnd = diversion.PlannedEndAt is { } p ? Time.ToMicros(p) : (long?)null,
                interval = diversion.ReviewIntervalMinutes,
                next = Time.ToMicros(nextReview),
                author,
            }, unit.Transaction).ConfigureAwait(false);
        var times = clock.ForText();
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Délestage n°{id} ({site.Name} / {service.Name}) : {Diversion.Describe(diversion.Category, diversion.CustomCategory)}, depuis le {times.At(diversion.StartedAt)}"));
        text.Append(diversion.PlannedEndAt is { } end ? $", fin prévue le {times.At(end)}" : ", fin non fixée");
        text.Append(CultureInfo.InvariantCulture, $", réévaluation toutes les {BoardStore.Interval(diversion.ReviewIntervalMinutes)} (prochaine : {times.At(nextReview)}).");
        var entry = await BoardService.Append(journal, unit, incidentId, author, JournalKind.Decision, text.ToString(), "diversion", id).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync("UPDATE diversions SET journal_seq = @seq WHERE id = @id", new { id, seq = entry.Seq }, unit.Transaction).ConfigureAwait(false);
        return id;
    }

    private static async Task<Diversion?> LockAsync(UnitOfWork unit, long incidentId, long id) =>
        (await unit.Connection.QuerySingleOrDefaultAsync<BoardStore.DiversionRow>(
            unit.Sql(
                $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId AND d.id = @id",
                $"SELECT {BoardStore.DiversionColumns} FROM {BoardStore.DiversionFrom} WHERE d.incident_id = @incidentId AND d.id = @id FOR UPDATE OF d"),
            new { incidentId, id }, unit.Transaction).ConfigureAwait(false))?.ToDiversion();
}
