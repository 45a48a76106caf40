using System.Data.Common;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// An incident's legal deadlines: the cell answers the applicability questions and sets the manual start events,
/// marks notifications sent, edits their drafts; reminders are written to the journal when they fall due. Every
/// change is journaled in the same transaction. The rules come from <see cref="DeadlineCatalogSource"/>.
/// </summary>
public sealed partial class DeadlineService(
    Database database,
    JournalService journal,
    AuditLog audit,
    HospitalClock clock,
    ChangeRecorder changes,
    DeadlineCatalogSource catalogs,
    DraftBuilder drafts)
{
    public const string Topic = "deadlines";

    public DeadlineCatalog Catalog => catalogs.Current;

    public TimeZoneInfo Zone => clock.Zone;

    public async Task<DeadlineBoard?> GetBoardAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var catalog = catalogs.Current;
        return await database.ReadAsync(async connection =>
        {
            var incident = await connection.QuerySingleOrDefaultAsync<IncidentRow>(
                $"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @incidentId", new { incidentId }).ConfigureAwait(false);
            if (incident is null)
            {
                return null;
            }

            var state = await LoadStateAsync(connection, null, incidentId).ConfigureAwait(false);
            return Board(catalog, incident.ToIncident(), state, clock.GetUtcNow());
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the cell's answer to an applicability question (a change of answer is journaled too).</summary>
    public async Task<Result<DeadlineBoard>> AnswerAsync(long incidentId, string questionId, ApplicabilityAnswer answer, string author, CancellationToken cancellationToken = default)
    {
        var catalog = catalogs.Current;
        var question = catalog.Question(questionId);
        if (question is null)
        {
            return Problem.NotFound(ProblemCode.QuestionNotFound, questionId);
        }

        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var state = await LoadStateAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false);
            state.Answers.TryGetValue(questionId, out var previous);
            if (previous is not null && previous.Answer == WireName<ApplicabilityAnswer>.Of(answer))
            {
                return Problem.Conflict("answer", ProblemCode.QuestionAlreadyAnswered, questionId, answer);
            }

            var before = Board(catalog, incident, state, clock.GetUtcNow());
            var now = Time.Truncate(clock.GetUtcNow());
            var text = $"Échéances — « {question.Text} » : {AnswerText(answer)}" +
                       (previous is null ? "." : $" (auparavant : {AnswerText(WireName<ApplicabilityAnswer>.Parse(previous.Answer))}).");
            state.Answers[questionId] = new AnswerRow { QuestionId = questionId, Answer = WireName<ApplicabilityAnswer>.Of(answer), AnsweredAtUs = Time.ToMicros(now), AnsweredBy = author };
            var after = Board(catalog, incident, state, now);
            var changed = after.Deadlines.Where(d => before.Deadline(d.Rule.Id)?.Applicability != d.Applicability).ToList();
            if (changed.Count > 0)
            {
                text += " " + string.Join(" ; ", changed.Select(d => $"{d.Rule.Name} : {ApplicabilityText(d.Applicability)}")) + ".";
            }

            // A clock that now runs from the detection because its own start (awareness of a breach) was not given yet.
            var assumed = after.Deadlines.Where(d => d.StartAssumed && d.Sent is null && before.Deadline(d.Rule.Id)?.StartAssumed != true).ToList();
            if (assumed.Count > 0)
            {
                text += " " + string.Join(" ; ", assumed.Select(d =>
                    $"{d.Rule.Name} : comptée depuis la détection tant que « {catalog.Event(d.Rule.StartEventId)?.Label} » n'est pas saisie, échéance {(d.Rule.WithoutDelay ? "sans délai" : LocalTimeText.WithZone(d.DueAt!.Value, Zone))}")) + ".";
            }

            var entry = await RecordAsync(unit, incidentId, author, JournalKind.Decision, FrenchText.Typeset(text), "deadline_question", questionId, new AuditLine("deadline.answer", $"incident:{incidentId}/question:{questionId}", WireName<ApplicabilityAnswer>.Of(answer))).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                previous is null
                    ? "INSERT INTO deadline_answers (incident_id, question_id, answer, answered_at_us, answered_by, journal_seq) VALUES (@incidentId, @questionId, @answer, @now, @author, @seq)"
                    : "UPDATE deadline_answers SET answer = @answer, answered_at_us = @now, answered_by = @author, journal_seq = @seq WHERE incident_id = @incidentId AND question_id = @questionId",
                new { incidentId, questionId, answer = WireName<ApplicabilityAnswer>.Of(answer), now = Time.ToMicros(now), author, seq = entry.Seq }, unit.Transaction).ConfigureAwait(false);
            return Result<DeadlineBoard>.Ok(after);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets (or corrects) when a manual start event happened, e.g. the awareness of a personal-data breach.</summary>
    public async Task<Result<DeadlineBoard>> SetEventAsync(long incidentId, string eventId, DateTimeOffset at, string author, CancellationToken cancellationToken = default)
    {
        var catalog = catalogs.Current;
        var startEvent = catalog.Event(eventId);
        if (startEvent is null)
        {
            return Problem.NotFound(ProblemCode.StartEventNotFound, eventId);
        }

        if (startEvent.Kind != StartEventKind.Manual)
        {
            return (startEvent.Kind == StartEventKind.Detection ? Problem.Invalid("eventId", ProblemCode.StartEventFromDetection, eventId) : Problem.Invalid("eventId", ProblemCode.StartEventFromSending, eventId, startEvent.SentDeadlineId));
        }

        var now = Time.Truncate(clock.GetUtcNow());
        if (at > now + Limits.ClockSkew)
        {
            return Problem.Invalid("at", ProblemCode.AtInFuture, at);
        }

        at = Time.Truncate(at);
        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var state = await LoadStateAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false);
            state.Events.TryGetValue(eventId, out var previous);
            if (previous is not null && previous.AtUs == Time.ToMicros(at))
            {
                return Problem.Conflict("at", ProblemCode.StartEventAlreadySet, eventId, at);
            }

            var text = $"Échéances — {startEvent.Label} : {LocalTimeText.WithZone(at, Zone)}" +
                       (previous is null ? "." : $" (corrigé, auparavant {LocalTimeText.WithZone(Time.FromMicros(previous.AtUs), Zone)}).");
            state.Events[eventId] = new EventRow { EventId = eventId, AtUs = Time.ToMicros(at), SetBy = author };
            var board = Board(catalog, incident, state, now);
            var started = board.Deadlines.Where(d => d.Rule.StartEventId == eventId && d.DueAt is not null && d.Applicability != Applicability.NotApplicable).ToList();
            if (started.Count > 0)
            {
                text += " " + string.Join(" ; ", started.Select(d => $"{d.Rule.Name} : échéance {(d.Rule.WithoutDelay ? "sans délai" : LocalTimeText.Format(d.DueAt!.Value, Zone))}")) + ".";
            }

            var entry = await RecordAsync(unit, incidentId, author, JournalKind.Fait, FrenchText.Typeset(text), "deadline_event", eventId, new AuditLine("deadline.event", $"incident:{incidentId}/event:{eventId}", Time.Canonical(at)), at).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                previous is null
                    ? "INSERT INTO deadline_events (incident_id, event_id, at_us, set_at_us, set_by, journal_seq) VALUES (@incidentId, @eventId, @at, @now, @author, @seq)"
                    : "UPDATE deadline_events SET at_us = @at, set_at_us = @now, set_by = @author, journal_seq = @seq WHERE incident_id = @incidentId AND event_id = @eventId",
                new { incidentId, eventId, at = Time.ToMicros(at), now = Time.ToMicros(now), author, seq = entry.Seq }, unit.Transaction).ConfigureAwait(false);
            return Result<DeadlineBoard>.Ok(board);
        }, cancellationToken).ConfigureAwait(false);
    }

    internal DeadlineBoard Board(DeadlineCatalog catalog, Incident incident, State state, DateTimeOffset now)
    {
        var answers = state.Answers.Values.ToDictionary(a => a.QuestionId, a => WireName<ApplicabilityAnswer>.Parse(a.Answer), StringComparer.Ordinal);
        var manual = state.Events.Values.ToDictionary(e => e.EventId, e => Time.FromMicros(e.AtUs), StringComparer.Ordinal);
        var sent = state.Sent.Values.ToDictionary(s => s.DeadlineId, s => s.ToNotification(), StringComparer.Ordinal);
        var deadlines = DeadlineEvaluator.Evaluate(catalog, incident.DetectedAt, answers, manual, sent, now, Zone);
        var questions = catalog.Questions.Select(q => state.Answers.TryGetValue(q.Id, out var a)
            ? new QuestionState(q, WireName<ApplicabilityAnswer>.Parse(a.Answer), a.AnsweredBy, Time.FromMicros(a.AnsweredAtUs))
            : new QuestionState(q, null, null, null)).ToList();
        var events = catalog.Events.Select(e => new EventState(e, DeadlineEvaluator.EventTime(catalog, e.Id, incident.DetectedAt, manual, sent),
            e.Kind == StartEventKind.Manual && state.Events.TryGetValue(e.Id, out var row) ? row.SetBy : null)).ToList();
        return new DeadlineBoard(incident, now, questions, events, deadlines, catalog.Origin, catalog.Warning);
    }

    internal static async Task<State> LoadStateAsync(DbConnection connection, DbTransaction? transaction, long incidentId)
    {
        var answers = await connection.QueryAsync<AnswerRow>(
            "SELECT question_id AS QuestionId, answer AS Answer, answered_at_us AS AnsweredAtUs, answered_by AS AnsweredBy FROM deadline_answers WHERE incident_id = @incidentId",
            new { incidentId }, transaction).ConfigureAwait(false);
        var events = await connection.QueryAsync<EventRow>(
            "SELECT event_id AS EventId, at_us AS AtUs, set_by AS SetBy FROM deadline_events WHERE incident_id = @incidentId",
            new { incidentId }, transaction).ConfigureAwait(false);
        var sent = await connection.QueryAsync<SentRow>(
            $"SELECT {SentRow.Columns} FROM deadline_notifications WHERE incident_id = @incidentId", new { incidentId }, transaction).ConfigureAwait(false);
        return new State(
            answers.ToDictionary(a => a.QuestionId, StringComparer.Ordinal),
            events.ToDictionary(e => e.EventId, StringComparer.Ordinal),
            sent.ToDictionary(s => s.DeadlineId, StringComparer.Ordinal));
    }

    /// <summary>Records a change of the deadlines: journal entry, audit line and live notice (<see cref="ChangeRecorder"/>).</summary>
    private async Task<JournalEntry> RecordAsync(UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, string linkId, AuditLine auditLine, DateTimeOffset? occurredAt = null)
    {
        var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(kind, text, occurredAt, Link: new JournalLink(linkType, linkId)), auditLine, Topic).ConfigureAwait(false);
        return entry.IsOk ? entry.Value : throw new InvalidOperationException(entry.Problem.Message);
    }

    private async Task<JournalEntry> AppendAsync(UnitOfWork unit, long incidentId, string author, JournalKind kind, string text, string linkType, string linkId, DateTimeOffset? occurredAt = null)
    {
        var entry = await journal.AppendAsync(unit, incidentId, author, new NewJournalEntry(kind, text, occurredAt, Link: new JournalLink(linkType, linkId))).ConfigureAwait(false);
        return entry.IsOk ? entry.Value : throw new InvalidOperationException(entry.Problem.Message);
    }

    internal static string AnswerText(ApplicabilityAnswer answer) => answer switch
    {
        ApplicabilityAnswer.Oui => "oui",
        ApplicabilityAnswer.Non => "non",
        _ => "ne sait pas",
    };

    private static string ApplicabilityText(Applicability applicability) => applicability switch
    {
        Applicability.Applicable => "applicable",
        Applicability.NotApplicable => "non applicable",
        _ => "à confirmer",
    };

    internal sealed record State(Dictionary<string, AnswerRow> Answers, Dictionary<string, EventRow> Events, Dictionary<string, SentRow> Sent);

    internal sealed class AnswerRow
    {
        public string QuestionId { get; set; } = "";
        public string Answer { get; set; } = "";
        public long AnsweredAtUs { get; set; }
        public string AnsweredBy { get; set; } = "";
    }

    internal sealed class EventRow
    {
        public string EventId { get; set; } = "";
        public long AtUs { get; set; }
        public string SetBy { get; set; } = "";
    }

    internal sealed class SentRow
    {
        public const string Columns =
            "deadline_id AS DeadlineId, deadline_name AS DeadlineName, authority AS Authority, sent_at_us AS SentAtUs, sent_by AS SentBy, reference AS Reference, " +
            "due_at_us AS DueAtUs, recorded_at_us AS RecordedAtUs, draft_version AS DraftVersion, journal_seq AS JournalSeq";

        public string DeadlineId { get; set; } = "";
        public string DeadlineName { get; set; } = "";
        public string Authority { get; set; } = "";
        public long SentAtUs { get; set; }
        public string SentBy { get; set; } = "";
        public string Reference { get; set; } = "";
        public long? DueAtUs { get; set; }
        public long RecordedAtUs { get; set; }
        public long? DraftVersion { get; set; }
        public long JournalSeq { get; set; }

        public SentNotification ToNotification() => new(DeadlineId, DeadlineName, Authority, Time.FromMicros(SentAtUs), SentBy, Reference,
            DueAtUs is { } d ? Time.FromMicros(d) : null, Time.FromMicros(RecordedAtUs), DraftVersion is { } v ? (int)v : null, JournalSeq);
    }
}
