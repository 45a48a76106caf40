using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Deadlines;

public sealed partial class DeadlineService
{
    public const int ReferenceMaxLength = 200;

    /// <summary>
    /// Marks a notification sent: when (default now; not in the future, not before the detection), by whom, the
    /// reference the authority gave; journals it with whether the deadline was met. A sending that starts another
    /// deadline (the NIS2 notification starts the final report) says so in the same entry.
    /// </summary>
    public async Task<Result<DeadlineBoard>> MarkSentAsync(long incidentId, string deadlineId, DateTimeOffset? sentAt, string? reference, string author, CancellationToken cancellationToken = default)
    {
        var catalog = catalogs.Current;
        var rule = catalog.Rule(deadlineId);
        if (rule is null)
        {
            return Problem.NotFound(ProblemCode.DeadlineNotFound, deadlineId);
        }

        if (Limits.Text("reference", reference, ReferenceMaxLength) is { } problem)
        {
            return problem.Code == ProblemCode.Required ? Problem.Invalid("reference", ProblemCode.SentReferenceRequired) : problem;
        }

        var now = Time.Truncate(clock.GetUtcNow());
        var at = Time.Truncate(sentAt ?? now);
        if (at > now + Limits.ClockSkew)
        {
            return Problem.Invalid("sentAt", ProblemCode.SentAtInFuture, at);
        }

        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            if (at < incident.DetectedAt)
            {
                return Problem.Invalid("sentAt", ProblemCode.SentAtBeforeDetection, at, incident.DetectedAt);
            }

            var state = await LoadStateAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false);
            if (state.Sent.TryGetValue(deadlineId, out var already))
            {
                return Problem.Conflict("sentAt", ProblemCode.AlreadySent, rule.Name, Time.FromMicros(already.SentAtUs), already.Reference);
            }

            var before = Board(catalog, incident, state, now).Deadline(deadlineId)!;
            var finalDraft = await unit.Connection.QuerySingleOrDefaultAsync<long?>(
                "SELECT MAX(version) FROM deadline_drafts WHERE incident_id = @incidentId AND deadline_id = @deadlineId AND final = 1",
                new { incidentId, deadlineId }, unit.Transaction).ConfigureAwait(false);
            var verdict = before.DueAt is not { } due ? "" :
                rule.WithoutDelay ? $" — {LocalTimeText.Duration(at - due)} après {catalog.Event(rule.StartEventId)!.Label.ToLowerInvariant()}" :
                at <= due ? $" — dans le délai (échéance {LocalTimeText.Format(due, Zone)})" :
                $" — HORS DÉLAI de {LocalTimeText.Duration(at - due)} (échéance {LocalTimeText.Format(due, Zone)})";
            var text = $"Notification envoyée : {rule.Name} ({rule.Authority}), le {LocalTimeText.WithZone(at, Zone)}, référence {reference!.Trim()}{verdict}." +
                       (finalDraft is { } v ? string.Create(CultureInfo.InvariantCulture, $" Texte définitif : version {v}.") : "");
            state.Sent[deadlineId] = new SentRow { DeadlineId = deadlineId, DeadlineName = rule.Name, Authority = rule.Authority, SentAtUs = Time.ToMicros(at), SentBy = author, Reference = reference.Trim(), DueAtUs = before.DueAt is { } d ? Time.ToMicros(d) : null, RecordedAtUs = Time.ToMicros(now) };
            var after = Board(catalog, incident, state, now);
            var started = after.Deadlines.Where(d => catalog.Event(d.Rule.StartEventId) is { Kind: StartEventKind.Sent } e && e.SentDeadlineId == deadlineId && d.DueAt is not null).ToList();
            if (started.Count > 0)
            {
                text += " Démarre : " + string.Join(" ; ", started.Select(d => $"{d.Rule.Name}, échéance {LocalTimeText.Format(d.DueAt!.Value, Zone)}")) + ".";
            }

            var entry = await RecordAsync(unit, incidentId, author, JournalKind.Communication, FrenchText.Typeset(text), "deadline", deadlineId, new AuditLine("deadline.sent", $"incident:{incidentId}/deadline:{deadlineId}", reference.Trim()), at).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO deadline_notifications (incident_id, deadline_id, deadline_name, authority, sent_at_us, sent_by, reference, due_at_us, recorded_at_us, draft_version, journal_seq)
                VALUES (@incidentId, @deadlineId, @name, @authority, @at, @author, @reference, @due, @now, @draft, @seq)
                """,
                new { incidentId, deadlineId, name = rule.Name, authority = rule.Authority, at = Time.ToMicros(at), author, reference = reference.Trim(), due = before.DueAt is { } x ? Time.ToMicros(x) : (long?)null, now = Time.ToMicros(now), draft = finalDraft, seq = entry.Seq },
                unit.Transaction).ConfigureAwait(false);
            state.Sent[deadlineId].JournalSeq = entry.Seq;
            state.Sent[deadlineId].DraftVersion = finalDraft;
            return Result<DeadlineBoard>.Ok(Board(catalog, incident, state, now));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a sending recorded by mistake (the journal keeps both entries); the deadline is owed again.</summary>
    public async Task<Result<DeadlineBoard>> CancelSentAsync(long incidentId, string deadlineId, string? reason, string author, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("reason", reason, Limits.ShortTextMaxLength) is { } problem)
        {
            return problem;
        }

        var catalog = catalogs.Current;
        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var state = await LoadStateAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false);
            if (!state.Sent.Remove(deadlineId, out var sent))
            {
                return Problem.NotFound(ProblemCode.SendingNotFound, deadlineId, incidentId);
            }

            var text = $"Envoi annulé : {sent.DeadlineName} ({sent.Authority}), enregistré le {LocalTimeText.WithZone(Time.FromMicros(sent.SentAtUs), Zone)}, référence {sent.Reference} — motif : {reason!.Trim()}.";
            await RecordAsync(unit, incidentId, author, JournalKind.Communication, FrenchText.Typeset(text), "deadline", deadlineId, new AuditLine("deadline.cancel", $"incident:{incidentId}/deadline:{deadlineId}", reason.Trim())).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync("DELETE FROM deadline_notifications WHERE incident_id = @incidentId AND deadline_id = @deadlineId",
                new { incidentId, deadlineId }, unit.Transaction).ConfigureAwait(false);
            return Result<DeadlineBoard>.Ok(Board(catalog, incident, state, Time.Truncate(clock.GetUtcNow())));
        }, cancellationToken).ConfigureAwait(false);
    }
}
