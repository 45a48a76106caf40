using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Deadlines;

public sealed partial class DeadlineService
{
    /// <summary>The latest saved version of a notification's text, or the text prefilled from the incident when none is saved.</summary>
    public async Task<Result<DeadlineDraft>> GetDraftAsync(long incidentId, string deadlineId, CancellationToken cancellationToken = default)
    {
        var board = await GetBoardAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (board is null)
        {
            return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
        }

        var deadline = board.Deadline(deadlineId);
        if (deadline is null)
        {
            return Problem.NotFound(ProblemCode.DeadlineNotFound, deadlineId);
        }

        var saved = await database.ReadAsync(async c => await c.QuerySingleOrDefaultAsync<DraftRow>(
            $"SELECT {DraftRow.Columns} FROM deadline_drafts WHERE incident_id = @incidentId AND deadline_id = @deadlineId ORDER BY version DESC LIMIT 1",
            new { incidentId, deadlineId }).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved.ToDraft(deadlineId);
        }

        var text = await drafts.BuildAsync(board.Incident, deadline, catalogs.Current, Zone, cancellationToken).ConfigureAwait(false);
        return new DeadlineDraft(deadlineId, 0, text, false, null, null, null);
    }

    /// <summary>Every saved version, newest first.</summary>
    public Task<IReadOnlyList<DeadlineDraft>> DraftHistoryAsync(long incidentId, string deadlineId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<DeadlineDraft>>(async c =>
            (await c.QueryAsync<DraftRow>($"SELECT {DraftRow.Columns} FROM deadline_drafts WHERE incident_id = @incidentId AND deadline_id = @deadlineId ORDER BY version DESC",
                new { incidentId, deadlineId }).ConfigureAwait(false)).Select(r => r.ToDraft(deadlineId)).ToList(), cancellationToken);

    /// <summary>
    /// Saves a new version of the text. <paramref name="final"/>: this is the text sent (or to send); it is journaled
    /// in full, and the sending recorded afterwards refers to it. Saving the same text again is a conflict.
    /// </summary>
    public async Task<Result<DeadlineDraft>> SaveDraftAsync(long incidentId, string deadlineId, string? text, bool final, string author, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("text", text, DeadlineDraft.MaxLength) is { } problem)
        {
            return problem;
        }

        var rule = catalogs.Current.Rule(deadlineId);
        if (rule is null)
        {
            return Problem.NotFound(ProblemCode.DeadlineNotFound, deadlineId);
        }

        var body = text!.ReplaceLineEndings("\n").TrimEnd() + "\n";
        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            if (incident.Exercise)
            {
                body = DraftBuilder.MarkExercise(body);
            }

            var latest = await unit.Connection.QuerySingleOrDefaultAsync<DraftRow>(
                $"SELECT {DraftRow.Columns} FROM deadline_drafts WHERE incident_id = @incidentId AND deadline_id = @deadlineId ORDER BY version DESC LIMIT 1",
                new { incidentId, deadlineId }, unit.Transaction).ConfigureAwait(false);
            if (latest is not null && latest.Text == body && (latest.Final != 0 || !final))
            {
                return Problem.Conflict("text", ProblemCode.DraftUnchanged, latest.Version);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var version = (int)(latest?.Version ?? 0) + 1;
            long? seq = null;
            if (final)
            {
                var entry = await RecordAsync(unit, incidentId, author, JournalKind.Communication,
                    FrenchText.Typeset(string.Create(CultureInfo.InvariantCulture, $"Texte définitif de la notification « {rule.Name} » ({rule.Authority}), version {version} :")) + "\n\n" + body,
                    "deadline", deadlineId, new AuditLine("deadline.draft.final", $"incident:{incidentId}/deadline:{deadlineId}", version.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
                seq = entry.Seq;
            }
            else
            {
                // A working draft is audited but not announced: only the final text changes what the open pages show.
                await audit.WriteAsync(unit, author, "deadline.draft.save", $"incident:{incidentId}/deadline:{deadlineId}", version.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }

            await unit.Connection.ExecuteAsync(
                "INSERT INTO deadline_drafts (incident_id, deadline_id, version, text, saved_at_us, saved_by, final, journal_seq) VALUES (@incidentId, @deadlineId, @version, @body, @now, @author, @final, @seq)",
                new { incidentId, deadlineId, version, body, now = Time.ToMicros(now), author, final = final ? 1 : 0, seq }, unit.Transaction).ConfigureAwait(false);
            return Result<DeadlineDraft>.Ok(new DeadlineDraft(deadlineId, version, body, final, now, author, seq));
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class DraftRow
    {
        public const string Columns = "version AS Version, text AS Text, final AS Final, saved_at_us AS SavedAtUs, saved_by AS SavedBy, journal_seq AS JournalSeq";

        public long Version { get; set; }
        public string Text { get; set; } = "";
        public long Final { get; set; }
        public long SavedAtUs { get; set; }
        public string SavedBy { get; set; } = "";
        public long? JournalSeq { get; set; }

        public DeadlineDraft ToDraft(string deadlineId) => new(deadlineId, (int)Version, Text, Final != 0, Time.FromMicros(SavedAtUs), SavedBy, JournalSeq);
    }
}
