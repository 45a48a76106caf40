using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    /// <summary>DEBEX: the exercise clock starts at H+00:00, in real time (speed 1) or accelerated ×2 to ×60.</summary>
    public Task<Result<Exercise>> StartAsync(long incidentId, int speed, string actor, CancellationToken cancellationToken = default) =>
        ChangeClockAsync(incidentId, actor, "debex", cancellationToken, (exercise, now) =>
        {
            if (speed is < Exercise.MinSpeed or > Exercise.MaxSpeed)
            {
                return Problem.Invalid("speed", ProblemCode.SpeedOutOfRange, Exercise.MinSpeed, Exercise.MaxSpeed);
            }

            if (exercise.Status != ExerciseStatus.Pret)
            {
                return Problem.Conflict("status", ProblemCode.ExerciseAlreadyStarted, incidentId, exercise.StartedAt ?? now);
            }

            return new ClockChange(ExerciseStatus.EnCours, speed, TimeSpan.Zero, now,
                $"DEBEX — début de l’exercice « {exercise.ScenarioTitle} » ({ExerciseLabels.Speed(speed)}).");
        });

    public Task<Result<Exercise>> PauseAsync(long incidentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeClockAsync(incidentId, actor, "pause", cancellationToken, (exercise, now) =>
            exercise.Status != ExerciseStatus.EnCours
                ? Problem.Conflict("status", ProblemCode.ExerciseNotRunning, incidentId)
                : new ClockChange(ExerciseStatus.EnPause, exercise.Speed, exercise.Elapsed(now), null,
                    $"Exercice suspendu à {Scenarios.TimeTexts.FormatExerciseTime(Minute(exercise.Elapsed(now)))}."));

    public Task<Result<Exercise>> ResumeAsync(long incidentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeClockAsync(incidentId, actor, "resume", cancellationToken, (exercise, now) =>
            exercise.Status != ExerciseStatus.EnPause
                ? Problem.Conflict("status", ProblemCode.ExerciseNotPaused, incidentId)
                : new ClockChange(ExerciseStatus.EnCours, exercise.Speed, exercise.AnchorElapsed, now,
                    $"Exercice repris à {Scenarios.TimeTexts.FormatExerciseTime(Minute(exercise.AnchorElapsed))}."));

    /// <summary>Changes the speed of a running or paused clock (exercise time keeps its value).</summary>
    public Task<Result<Exercise>> SetSpeedAsync(long incidentId, int speed, string actor, CancellationToken cancellationToken = default) =>
        ChangeClockAsync(incidentId, actor, "speed", cancellationToken, (exercise, now) =>
        {
            if (speed is < Exercise.MinSpeed or > Exercise.MaxSpeed)
            {
                return Problem.Invalid("speed", ProblemCode.SpeedOutOfRange, Exercise.MinSpeed, Exercise.MaxSpeed);
            }

            if (exercise.Status is not (ExerciseStatus.EnCours or ExerciseStatus.EnPause))
            {
                return Problem.Conflict("status", ProblemCode.ExerciseNotUnderWay, incidentId);
            }

            if (exercise.Speed == speed)
            {
                return Problem.Conflict("speed", ProblemCode.SpeedUnchanged, speed);
            }

            return new ClockChange(exercise.Status, speed, exercise.Elapsed(now), exercise.IsRunning ? now : null,
                $"Horloge d’exercice : {ExerciseLabels.Speed(speed)}.");
        });

    /// <summary>FINEX: the clock stops; stimuli not played stay on the chronogramme as not played.</summary>
    public Task<Result<Exercise>> FinishAsync(long incidentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeClockAsync(incidentId, actor, "finex", cancellationToken, (exercise, now) =>
        {
            if (exercise.Status is not (ExerciseStatus.EnCours or ExerciseStatus.EnPause))
            {
                return Problem.Conflict("status", exercise.Status == ExerciseStatus.Termine ? ProblemCode.ExerciseAlreadyFinished : ProblemCode.ExerciseNotStarted, incidentId);
            }

            var elapsed = exercise.Elapsed(now);
            return new ClockChange(ExerciseStatus.Termine, exercise.Speed, elapsed, null,
                $"FINEX — fin de l’exercice à {Scenarios.TimeTexts.FormatExerciseTime(Minute(elapsed))}.");
        });

    /// <summary>
    /// Delivers every stimulus whose time has come in every running exercise, in time order, each exercise in one
    /// transaction: status played, played time (real and exercise), a journal entry of kind stimulus. A stimulus is
    /// delivered once, even with two servers (conditional update). Returns what was delivered (the hunt runs on artefacts after).
    /// </summary>
    public async Task<IReadOnlyList<DeliveredStimulus>> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.Truncate(clock.GetUtcNow());
        var due = await database.ReadAsync(async c => (await c.QueryAsync<(long IncidentId, long Id)>(
            """
            SELECT s.incident_id AS IncidentId, s.id AS Id
            FROM exercise_stimuli s JOIN exercises x ON x.incident_id = s.incident_id
            WHERE x.status = @running AND s.status IN ('prevu', 'decale')
              AND s.offset_us + s.shift_us <= x.anchor_elapsed_us + (@now - x.anchor_at_us) * x.speed
            ORDER BY s.incident_id, s.offset_us + s.shift_us, s.sort
            """,
            new { running = WireName<ExerciseStatus>.Of(ExerciseStatus.EnCours), now = Time.ToMicros(now) }).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var delivered = new List<DeliveredStimulus>();
        foreach (var group in due.GroupBy(d => d.IncidentId))
        {
            delivered.AddRange(await DeliverAsync(group.Key, group.Select(g => g.Id).ToList(), Animation, onlyIfDue: true, cancellationToken).ConfigureAwait(false));
        }

        return delivered;
    }

    /// <summary>The real instant the next stimulus of any running exercise falls due (null: nothing to wait for).</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var rows = await c.QueryAsync<(long IncidentId, long DueUs)>(
                """
                SELECT s.incident_id AS IncidentId, MIN(s.offset_us + s.shift_us) AS DueUs
                FROM exercise_stimuli s JOIN exercises x ON x.incident_id = s.incident_id
                WHERE x.status = @running AND s.status IN ('prevu', 'decale')
                GROUP BY s.incident_id
                """,
                new { running = WireName<ExerciseStatus>.Of(ExerciseStatus.EnCours) }).ConfigureAwait(false);
            DateTimeOffset? next = null;
            foreach (var (incidentId, dueUs) in rows)
            {
                var exercise = await GetAsync(c, null, incidentId).ConfigureAwait(false);
                if (exercise?.RealTimeOf(ExerciseRows.Span(dueUs)) is { } at && (next is null || at < next))
                {
                    next = at;
                }
            }

            return next;
        }, cancellationToken);

    /// <summary>Played stimuli whose artefact the hunt has not read yet (a server stopped in between): the worker runs them at start.</summary>
    public Task<IReadOnlyList<DeliveredStimulus>> PendingHuntsAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<DeliveredStimulus>>(async c => (await c.QueryAsync<(long IncidentId, long Id, string Number)>(
            "SELECT incident_id AS IncidentId, id AS Id, number AS Number FROM exercise_stimuli WHERE status = @played AND artifact_format IS NOT NULL AND findings IS NULL AND hunt_note IS NULL",
            new { played = WireName<StimulusStatus>.Of(StimulusStatus.Joue) }).ConfigureAwait(false))
            .Select(r => new DeliveredStimulus(r.IncidentId, r.Id, r.Number, true)).ToList(), cancellationToken);

    private async Task<IReadOnlyList<DeliveredStimulus>> DeliverAsync(long incidentId, IReadOnlyList<long> stimulusIds, string actor, bool onlyIfDue, CancellationToken cancellationToken)
    {
        var catalog = await RecipientsAsync(cancellationToken).ConfigureAwait(false);
        return await database.WriteAsync<IReadOnlyList<DeliveredStimulus>>(async unit =>
        {
            var exercise = await GetForUpdateAsync(unit, incidentId).ConfigureAwait(false);
            var now = Time.Truncate(clock.GetUtcNow());
            if (exercise is null || (onlyIfDue && !exercise.IsRunning))
            {
                return [];
            }

            var elapsed = exercise.Elapsed(now);
            var delivered = new List<DeliveredStimulus>();
            foreach (var stimulusId in stimulusIds)
            {
                var stimulus = await StimulusAsync(unit.Connection, unit.Transaction, incidentId, stimulusId).ConfigureAwait(false);
                if (stimulus is null || !stimulus.IsPending || (onlyIfDue && stimulus.Due > elapsed))
                {
                    continue;
                }

                var changed = await unit.Connection.ExecuteAsync(
                    "UPDATE exercise_stimuli SET status = @played, played_at_us = @now, played_elapsed_us = @elapsed, changed_by = @actor WHERE id = @stimulusId AND status IN ('prevu', 'decale')",
                    new
                    {
                        played = WireName<StimulusStatus>.Of(StimulusStatus.Joue), now = Time.ToMicros(now), elapsed = ExerciseRows.Micros(elapsed), actor, stimulusId,
                    }, unit.Transaction).ConfigureAwait(false);
                if (changed == 0)
                {
                    continue;
                }

                // The journal tells everyone that a stimulus reached its recipients, never what it says (need to know).
                var to = string.Join(", ", stimulus.Recipients.Select(r => catalog.Label(r)));
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"Stimulus n° {stimulus.Number} délivré à {Scenarios.TimeTexts.FormatExerciseTime(Minute(elapsed))} ({ExerciseLabels.French(stimulus.Channel)}) — destinataire(s) : {to}.");
                var entry = await journal.AppendAsync(unit, incidentId, Animation, new NewJournalEntry(JournalKind.Stimulus, text,
                    Link: new JournalLink("stimulus", stimulusId.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
                if (!entry.IsOk)
                {
                    throw new InvalidOperationException(entry.Problem.Message);
                }

                await unit.Connection.ExecuteAsync("UPDATE exercise_stimuli SET journal_seq = @seq WHERE id = @stimulusId",
                    new { seq = entry.Value.Seq, stimulusId }, unit.Transaction).ConfigureAwait(false);
                await audit.WriteAsync(unit, actor, "exercise.deliver", $"incident:{incidentId}/stimulus:{stimulusId}", stimulus.Number).ConfigureAwait(false);
                delivered.Add(new DeliveredStimulus(incidentId, stimulusId, stimulus.Number, stimulus.ArtifactFormat is not null));
            }

            if (delivered.Count > 0)
            {
                unit.Publish(new IncidentChange(incidentId, ExerciseTopics.Exercise));
            }

            return delivered;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<Exercise>> ChangeClockAsync(long incidentId, string actor, string what, CancellationToken cancellationToken,
        Func<Exercise, DateTimeOffset, Result<ClockChange>> decide) =>
        await database.WriteAsync(async unit =>
        {
            var exercise = await GetForUpdateAsync(unit, incidentId).ConfigureAwait(false);
            if (exercise is null)
            {
                return NotAnExercise(incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var decided = decide(exercise, now);
            if (!decided.IsOk)
            {
                return decided.Problem;
            }

            var change = decided.Value;
            await unit.Connection.ExecuteAsync(
                """
                UPDATE exercises SET status = @status, speed = @speed, anchor_at_us = @anchorAt, anchor_elapsed_us = @anchorElapsed,
                    started_at_us = COALESCE(started_at_us, @startedAt), finished_at_us = @finishedAt
                WHERE incident_id = @incidentId
                """,
                new
                {
                    incidentId,
                    status = WireName<ExerciseStatus>.Of(change.Status),
                    speed = change.Speed,
                    anchorAt = change.AnchorAt is { } a ? Time.ToMicros(a) : (long?)null,
                    anchorElapsed = ExerciseRows.Micros(change.Elapsed),
                    startedAt = what == "debex" ? Time.ToMicros(now) : (long?)null,
                    finishedAt = change.Status == ExerciseStatus.Termine ? Time.ToMicros(now) : (long?)null,
                }, unit.Transaction).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync(
                "INSERT INTO exercise_clock (incident_id, at_us, elapsed_us, speed, running, event, actor) VALUES (@incidentId, @now, @elapsed, @speed, @running, @what, @actor)",
                new { incidentId, now = Time.ToMicros(now), elapsed = ExerciseRows.Micros(change.Elapsed), speed = change.Speed, running = change.Status == ExerciseStatus.EnCours ? 1 : 0, what, actor },
                unit.Transaction).ConfigureAwait(false);
            var entry = await changes.RecordAsync(unit, incidentId, actor, new NewJournalEntry(what is "debex" or "finex" ? JournalKind.Decision : JournalKind.Note, change.Journal,
                    Link: new JournalLink("exercise", incidentId.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("exercise." + what, $"incident:{incidentId}", string.Create(CultureInfo.InvariantCulture, $"x{change.Speed}")), ExerciseTopics.Exercise).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            return Result<Exercise>.Ok((await GetAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false))!);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>An exercise time cut to the minute, as the journal writes it.</summary>
    private static TimeSpan Minute(TimeSpan elapsed) => TimeSpan.FromMinutes(Math.Floor(elapsed.TotalMinutes));

    private sealed record ClockChange(ExerciseStatus Status, int Speed, TimeSpan Elapsed, DateTimeOffset? AnchorAt, string Journal);
}
