using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    public const int MaxShiftMinutes = 24 * 60;

    /// <summary>The whole chronogramme with its hidden parts: for the animators only (the web checks the role).</summary>
    public Task<IReadOnlyList<Stimulus>> ListStimuliAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<Stimulus>>(async c => await StimuliAsync(c, null, incidentId).ConfigureAwait(false), cancellationToken);

    /// <summary>One stimulus with its hidden parts (animators).</summary>
    public Task<Stimulus?> GetStimulusAsync(long incidentId, long stimulusId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => StimulusAsync(c, null, incidentId, stimulusId), cancellationToken);

    /// <summary>The artefact file of a stimulus (name, format, bytes), or null.</summary>
    public Task<(string Name, ArtifactFormat Format, byte[] Content)?> ArtifactAsync(long incidentId, long stimulusId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var row = await c.QuerySingleOrDefaultAsync<(string? Name, string? Format, byte[]? Content)>(
                "SELECT artifact_name AS Name, artifact_format AS Format, artifact AS Content FROM exercise_stimuli WHERE incident_id = @incidentId AND id = @stimulusId",
                new { incidentId, stimulusId }).ConfigureAwait(false);
            return row.Content is null || row.Format is null ? ((string, ArtifactFormat, byte[])?)null
                : (row.Name ?? "artefact", WireName<ArtifactFormat>.Parse(row.Format), row.Content);
        }, cancellationToken);

    /// <summary>Plays a stimulus now, whatever its planned time (the exercise must be under way).</summary>
    public async Task<Result<DeliveredStimulus>> PlayNowAsync(long incidentId, long stimulusId, string actor, CancellationToken cancellationToken = default)
    {
        var check = await database.ReadAsync(async c =>
        {
            var exercise = await GetAsync(c, null, incidentId).ConfigureAwait(false);
            var stimulus = exercise is null ? null : await StimulusAsync(c, null, incidentId, stimulusId).ConfigureAwait(false);
            return (exercise, stimulus);
        }, cancellationToken).ConfigureAwait(false);
        if (check.exercise is null)
        {
            return NotAnExercise(incidentId);
        }

        if (check.stimulus is null)
        {
            return Problem.NotFound(ProblemCode.StimulusNotFound, incidentId, stimulusId);
        }

        if (check.exercise.Status is not (ExerciseStatus.EnCours or ExerciseStatus.EnPause))
        {
            return Problem.Conflict("status", ProblemCode.ExerciseNotUnderWayStart);
        }

        if (!check.stimulus.IsPending)
        {
            return Problem.Conflict("status", ProblemCode.StimulusAlreadyInStatus, check.stimulus.Number, check.stimulus.Status);
        }

        var delivered = await DeliverAsync(incidentId, [stimulusId], actor, onlyIfDue: false, cancellationToken).ConfigureAwait(false);
        return delivered.Count == 1 ? delivered[0] : Problem.Conflict("status", ProblemCode.StimulusPlayedMeanwhile, check.stimulus.Number);
    }

    /// <summary>Moves a stimulus still to play by <paramref name="minutes"/> (negative: earlier); audited, not journaled (the players must not know).</summary>
    public Task<Result<Stimulus>> ShiftAsync(long incidentId, long stimulusId, int minutes, string actor, CancellationToken cancellationToken = default) =>
        ChangeStimulusAsync(incidentId, stimulusId, actor, "shift", cancellationToken, stimulus =>
        {
            if (minutes == 0 || Math.Abs(minutes) > MaxShiftMinutes)
            {
                return Problem.Invalid("minutes", ProblemCode.ShiftOutOfRange, MaxShiftMinutes);
            }

            var shift = stimulus.Shift + TimeSpan.FromMinutes(minutes);
            if (stimulus.Offset + shift < TimeSpan.Zero)
            {
                return Problem.Invalid("minutes", ProblemCode.ShiftBeforeStart);
            }

            return Result<(string, object, string)>.Ok(("UPDATE exercise_stimuli SET shift_us = @shift, status = @status, changed_by = @actor WHERE id = @id AND status IN ('prevu', 'decale')",
                new { shift = ExerciseRows.Micros(shift), status = WireName<StimulusStatus>.Of(StimulusStatus.Decale) },
                string.Create(CultureInfo.InvariantCulture, $"{stimulus.Number} {minutes:+0;-0} min")));
        });

    /// <summary>Cancels a stimulus still to play; audited, not journaled.</summary>
    public Task<Result<Stimulus>> CancelAsync(long incidentId, long stimulusId, string actor, CancellationToken cancellationToken = default) =>
        ChangeStimulusAsync(incidentId, stimulusId, actor, "cancel", cancellationToken, stimulus =>
            Result<(string, object, string)>.Ok(("UPDATE exercise_stimuli SET status = @status, changed_by = @actor WHERE id = @id AND status IN ('prevu', 'decale')",
                new { status = WireName<StimulusStatus>.Of(StimulusStatus.Annule) }, stimulus.Number)));

    /// <summary>Adds a stimulus during the game (unplanned): at a given exercise time, or now (then played at once when the exercise runs).</summary>
    public async Task<Result<Stimulus>> AddAsync(long incidentId, NewStimulus request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalog = await RecipientsAsync(cancellationToken).ConfigureAwait(false);
        var recipients = (request.Recipients ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if ((Limits.Text("content", request.Content, ScenarioLimits.MaxText) ?? Limits.Text("title", request.Title, Limits.TitleMaxLength, required: false) ??
             Limits.Text("sender", request.Sender, ScenarioLimits.MaxShortText, required: false) ?? Limits.Text("expected", request.Expected, ScenarioLimits.MaxText, required: false) ??
             Limits.Text("notes", request.Notes, ScenarioLimits.MaxText, required: false)) is { } problem)
        {
            return problem;
        }

        if (recipients.Count == 0)
        {
            return Problem.Invalid("recipients", ProblemCode.RecipientsRequired);
        }

        if (recipients.FirstOrDefault(r => !catalog.IsKnown(r)) is { } unknown)
        {
            return Problem.Invalid("recipients", ProblemCode.RecipientUnknownAmong, unknown, string.Join(", ", catalog.Keys));
        }

        if (request.At is { } at && (at < TimeSpan.Zero || at > ScenarioLimits.MaxDuration))
        {
            return Problem.Invalid("at", ProblemCode.ExerciseTimeOutOfRange);
        }

        var added = await database.WriteAsync<Result<long>>(async unit =>
        {
            var exercise = await GetForUpdateAsync(unit, incidentId).ConfigureAwait(false);
            if (exercise is null)
            {
                return NotAnExercise(incidentId);
            }

            if (exercise.Status == ExerciseStatus.Termine)
            {
                return Problem.Conflict("status", ProblemCode.ExerciseFinished);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var offset = request.At ?? exercise.Elapsed(now);
            var count = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM exercise_stimuli WHERE incident_id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            var number = "X" + (await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM exercise_stimuli WHERE incident_id = @incidentId AND unplanned = 1",
                new { incidentId }, unit.Transaction).ConfigureAwait(false) + 1).ToString(CultureInfo.InvariantCulture);
            var stimulus = new ScenarioStimulus(0, number, offset, request.Channel, string.IsNullOrWhiteSpace(request.Sender) ? "Cellule d’animation" : request.Sender.Trim(),
                recipients, string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim(), request.Content!.Trim(),
                string.IsNullOrWhiteSpace(request.Expected) ? null : request.Expected.Trim(), null, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), [], null);
            var id = await InsertStimulusAsync(unit, incidentId, stimulus, (int)count, unplanned: true).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, actor, new AuditLine("exercise.stimulus.add", $"incident:{incidentId}/stimulus:{id}", number), ExerciseTopics.Exercise).ConfigureAwait(false);
            return id;
        }, cancellationToken).ConfigureAwait(false);
        if (!added.IsOk)
        {
            return added.Problem;
        }

        var exerciseNow = await GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (request.At is null && exerciseNow?.Status is ExerciseStatus.EnCours or ExerciseStatus.EnPause)
        {
            await DeliverAsync(incidentId, [added.Value], actor, onlyIfDue: false, cancellationToken).ConfigureAwait(false);
        }

        return (await GetStimulusAsync(incidentId, added.Value, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<Result<Stimulus>> ChangeStimulusAsync(long incidentId, long stimulusId, string actor, string what, CancellationToken cancellationToken,
        Func<Stimulus, Result<(string Sql, object Values, string Detail)>> decide) =>
        await database.WriteAsync(async unit =>
        {
            var exercise = await GetForUpdateAsync(unit, incidentId).ConfigureAwait(false);
            if (exercise is null)
            {
                return NotAnExercise(incidentId);
            }

            var stimulus = await StimulusAsync(unit.Connection, unit.Transaction, incidentId, stimulusId).ConfigureAwait(false);
            if (stimulus is null)
            {
                return Problem.NotFound(ProblemCode.StimulusNotFound, incidentId, stimulusId);
            }

            if (!stimulus.IsPending || exercise.Status == ExerciseStatus.Termine)
            {
                return Problem.Conflict("status", ProblemCode.StimulusNotEditable, stimulus.Number, stimulus.Status);
            }

            var decided = decide(stimulus);
            if (!decided.IsOk)
            {
                return decided.Problem;
            }

            var parameters = new DynamicParameters(decided.Value.Values);
            parameters.Add("id", stimulusId);
            parameters.Add("actor", actor);
            await unit.Connection.ExecuteAsync(decided.Value.Sql, parameters, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, actor, new AuditLine("exercise.stimulus." + what, $"incident:{incidentId}/stimulus:{stimulusId}", decided.Value.Detail), ExerciseTopics.Exercise).ConfigureAwait(false);
            return Result<Stimulus>.Ok((await StimulusAsync(unit.Connection, unit.Transaction, incidentId, stimulusId).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);
}
