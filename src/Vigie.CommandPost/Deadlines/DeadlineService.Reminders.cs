using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Deadlines;

public sealed partial class DeadlineService
{
    /// <summary>The author of the journal entries Vigie writes by itself (reminders).</summary>
    public const string SystemAuthor = "vigie";

    /// <summary>A reminder missed for longer than this (server stopped) is not written late; the board still shows the status.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// Writes in the journal every reminder that has fallen due and was not written yet: for each deadline still
    /// owed, only the latest one reached (a lead time such as "6 h left", or the deadline itself, "overdue").
    /// Each (deadline, reminder, due time) is written once, even by two servers at once. Returns how many were written.
    /// </summary>
    public async Task<int> EmitRemindersAsync(CancellationToken cancellationToken = default)
    {
        var catalog = catalogs.Current;
        var now = Time.Truncate(clock.GetUtcNow());
        var incidents = await database.ReadAsync(async c => (await c.QueryAsync<long>("SELECT id FROM incidents ORDER BY id").ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var incidentId in incidents)
        {
            var due = await DueRemindersAsync(catalog, incidentId, now, cancellationToken).ConfigureAwait(false);
            if (due.Count > 0)
            {
                written += await database.WriteAsync(unit => WriteRemindersAsync(unit, catalog, incidentId, now), cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private async Task<List<(IncidentDeadline Deadline, ReminderPoint Reminder)>> DueRemindersAsync(DeadlineCatalog catalog, long incidentId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ReadAsync(async c =>
        {
            var incident = await c.QuerySingleOrDefaultAsync<IncidentRow>($"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @incidentId", new { incidentId }).ConfigureAwait(false);
            if (incident is null)
            {
                return [];
            }

            var state = await LoadStateAsync(c, null, incidentId).ConfigureAwait(false);
            var emitted = (await c.QueryAsync<EmittedRow>("SELECT deadline_id AS DeadlineId, reminder AS Reminder, due_at_us AS DueAtUs FROM deadline_reminders WHERE incident_id = @incidentId",
                new { incidentId }).ConfigureAwait(false)).Select(r => (r.DeadlineId, r.Reminder, r.DueAtUs)).ToHashSet();
            return Pending(Board(catalog, incident.ToIncident(), state, now), emitted, now);
        }, cancellationToken).ConfigureAwait(false);

    private async Task<int> WriteRemindersAsync(UnitOfWork unit, DeadlineCatalog catalog, long incidentId, DateTimeOffset now)
    {
        // Lock the incident first (PostgreSQL), then read again: a second server that got here first has written its rows.
        await unit.Connection.ExecuteAsync(unit.Sql("SELECT 1", "SELECT id FROM incidents WHERE id = @incidentId FOR UPDATE"), new { incidentId }, unit.Transaction).ConfigureAwait(false);
        var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
        if (incident is null)
        {
            return 0;
        }

        var state = await LoadStateAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false);
        var emitted = (await unit.Connection.QueryAsync<EmittedRow>("SELECT deadline_id AS DeadlineId, reminder AS Reminder, due_at_us AS DueAtUs FROM deadline_reminders WHERE incident_id = @incidentId",
            new { incidentId }, unit.Transaction).ConfigureAwait(false)).Select(r => (r.DeadlineId, r.Reminder, r.DueAtUs)).ToHashSet();
        var written = 0;
        foreach (var (deadline, reminder) in Pending(Board(catalog, incident, state, now), emitted, now))
        {
            var rule = deadline.Rule;
            var due = deadline.DueAt!.Value;
            var confirm = (deadline.Applicability == Applicability.ToConfirm ? " (applicabilité à confirmer)" : "") +
                          (deadline.StartAssumed ? $" (comptée depuis la détection : {catalog.Event(rule.StartEventId)?.Label.ToLowerInvariant()} non saisie)" : "");
            var text = reminder.Key == ReminderPoint.DeadlineKey
                ? $"Échéance dépassée : {rule.Name} ({rule.Authority}){confirm} — l'échéance du {LocalTimeText.WithZone(due, Zone)} est passée et la notification n'est pas marquée envoyée."
                : $"Rappel d'échéance : {rule.Name} ({rule.Authority}){confirm} — reste {LocalTimeText.Duration(due - now)}, échéance le {LocalTimeText.WithZone(due, Zone)}.";
            var entry = await AppendAsync(unit, incidentId, SystemAuthor, JournalKind.Note, FrenchText.Typeset(text), "deadline", rule.Id).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                "INSERT INTO deadline_reminders (incident_id, deadline_id, reminder, due_at_us, emitted_at_us, journal_seq) VALUES (@incidentId, @deadlineId, @reminder, @due, @now, @seq)",
                new { incidentId, deadlineId = rule.Id, reminder = reminder.Key, due = Time.ToMicros(due), now = Time.ToMicros(now), seq = entry.Seq }, unit.Transaction).ConfigureAwait(false);
            written++;
        }

        if (written > 0)
        {
            unit.Publish(new IncidentChange(incidentId, Topic));
        }

        return written;
    }

    private static List<(IncidentDeadline, ReminderPoint)> Pending(DeadlineBoard board, HashSet<(string, string, long)> emitted, DateTimeOffset now)
    {
        var pending = new List<(IncidentDeadline, ReminderPoint)>();
        foreach (var deadline in board.Deadlines)
        {
            if (deadline.CurrentReminder(now) is { } reminder && now - reminder.At <= CatchUpWindow &&
                !emitted.Contains((deadline.Rule.Id, reminder.Key, Time.ToMicros(deadline.DueAt!.Value))))
            {
                pending.Add((deadline, reminder));
            }
        }

        return pending;
    }

    private sealed class EmittedRow
    {
        public string DeadlineId { get; set; } = "";
        public string Reminder { get; set; } = "";
        public long DueAtUs { get; set; }
    }
}
