using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    /// <summary>Adds a line to the observation grid (observers and animators; audited, not journaled: the players' log is theirs).</summary>
    public async Task<Result<Observation>> ObserveAsync(long incidentId, NewObservation request, string observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((Limits.Text("observed", request.Observed, ScenarioText) ?? Limits.Text("comment", request.Comment, ScenarioText, required: false) ??
             Limits.Text("role", request.Role, Limits.NameMaxLength, required: false)) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(request.ObjectiveKey) && string.IsNullOrWhiteSpace(request.ExpectationKey))
        {
            return Problem.Invalid("expectation", ProblemCode.ObjectiveOrExpectationRequired);
        }

        var now = Time.Truncate(clock.GetUtcNow());
        if (request.ObservedAt is { } observedAt && observedAt > now + Limits.ClockSkew)
        {
            return Problem.Invalid("observedAt", ProblemCode.ObservedAtInFuture);
        }

        return await database.WriteAsync<Result<Observation>>(async unit =>
        {
            if (await GetAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false) is null)
            {
                return NotAnExercise(incidentId);
            }

            string? objective = null;
            string? expectation = null;
            if (!string.IsNullOrWhiteSpace(request.ExpectationKey))
            {
                var found = await unit.Connection.QuerySingleOrDefaultAsync<(string? Key, string? Objective)>(
                    "SELECT key AS Key, objective_key AS Objective FROM exercise_expectations WHERE incident_id = @incidentId AND key = @key",
                    new { incidentId, key = request.ExpectationKey.Trim() }, unit.Transaction).ConfigureAwait(false);
                if (found.Key is null)
                {
                    return Problem.Invalid("expectation", ProblemCode.ExpectationUnknown, request.ExpectationKey);
                }

                expectation = found.Key;
                objective = found.Objective;
            }

            if (!string.IsNullOrWhiteSpace(request.ObjectiveKey))
            {
                objective = await unit.Connection.ExecuteScalarAsync<string?>("SELECT key FROM exercise_objectives WHERE incident_id = @incidentId AND key = @key",
                    new { incidentId, key = request.ObjectiveKey.Trim() }, unit.Transaction).ConfigureAwait(false);
                if (objective is null)
                {
                    return Problem.Invalid("objective", ProblemCode.ObjectiveUnknown, request.ObjectiveKey);
                }
            }

            if (request.EvidenceSeq is { } seq && await unit.Connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM journal_entries WHERE incident_id = @incidentId AND seq = @seq", new { incidentId, seq }, unit.Transaction).ConfigureAwait(false) == 0)
            {
                return Problem.Invalid("evidence", ProblemCode.EvidenceEntryUnknown, seq);
            }

            var id = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO exercise_observations (incident_id, objective_key, expectation_key, observed, observed_at_us, role, rating, evidence_seq, comment, observer, recorded_at_us)
                VALUES (@incidentId, @objective, @expectation, @observed, @observedAt, @role, @rating, @evidence, @comment, @observer, @now) RETURNING id
                """,
                new
                {
                    incidentId, objective, expectation, observed = request.Observed!.Trim(),
                    observedAt = Time.ToMicros(request.ObservedAt is { } at ? Time.Truncate(at) : now),
                    role = string.IsNullOrWhiteSpace(request.Role) ? null : request.Role.Trim(),
                    rating = WireName<ObservationRating>.Of(request.Rating), evidence = request.EvidenceSeq,
                    comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), observer, now = Time.ToMicros(now),
                }, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, observer, new AuditLine("exercise.observe", $"incident:{incidentId}/observation:{id}", $"{expectation ?? objective}: {WireName<ObservationRating>.Of(request.Rating)}"), ExerciseTopics.Evaluation).ConfigureAwait(false);
            return (await ObservationsAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false)).First(o => o.Id == id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Observation>> ObservationsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ObservationsAsync(c, null, incidentId), cancellationToken);

    private static async Task<IReadOnlyList<Observation>> ObservationsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long incidentId) =>
        (await connection.QueryAsync<ObservationRow>(
            """
            SELECT id AS Id, incident_id AS IncidentId, objective_key AS ObjectiveKey, expectation_key AS ExpectationKey, observed AS Observed, observed_at_us AS ObservedAtUs,
                   role AS Role, rating AS Rating, evidence_seq AS EvidenceSeq, comment AS Comment, observer AS Observer, recorded_at_us AS RecordedAtUs
            FROM exercise_observations WHERE incident_id = @incidentId ORDER BY id
            """, new { incidentId }, transaction).ConfigureAwait(false))
        .Select(r => new Observation(r.Id, r.IncidentId, r.ObjectiveKey, r.ExpectationKey, r.Observed, r.ObservedAtUs is { } a ? Time.FromMicros(a) : null, r.Role,
            WireName<ObservationRating>.Parse(r.Rating), r.EvidenceSeq, r.Comment, r.Observer, Time.FromMicros(r.RecordedAtUs))).ToList();

    /// <summary>Adds a line of the hot debrief (RETEX à chaud), for one function of the cell.</summary>
    public async Task<Result<DebriefEntry>> DebriefAsync(long incidentId, DebriefFunction function, string? wentWell, string? toImprove, string author, CancellationToken cancellationToken = default)
    {
        if ((Limits.Text("wentWell", wentWell, ScenarioText, required: false) ?? Limits.Text("toImprove", toImprove, ScenarioText, required: false)) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(wentWell) && string.IsNullOrWhiteSpace(toImprove))
        {
            return Problem.Invalid("wentWell", ProblemCode.DebriefTextRequired);
        }

        return await database.WriteAsync<Result<DebriefEntry>>(async unit =>
        {
            if (await GetAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false) is null)
            {
                return NotAnExercise(incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO exercise_debrief (incident_id, function, went_well, to_improve, author, at_us) VALUES (@incidentId, @function, @wentWell, @toImprove, @author, @now) RETURNING id",
                new { incidentId, function = WireName<DebriefFunction>.Of(function), wentWell = Clean(wentWell), toImprove = Clean(toImprove), author, now = Time.ToMicros(now) },
                unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, author, new AuditLine("exercise.debrief", $"incident:{incidentId}/debrief:{id}", WireName<DebriefFunction>.Of(function)), ExerciseTopics.Evaluation).ConfigureAwait(false);
            return new DebriefEntry(id, function, Clean(wentWell), Clean(toImprove), author, now);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DebriefEntry>> DebriefEntriesAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<DebriefEntry>>(async c =>
            (await c.QueryAsync<(long Id, string Function, string? WentWell, string? ToImprove, string Author, long AtUs)>(
                "SELECT id AS Id, function AS Function, went_well AS WentWell, to_improve AS ToImprove, author AS Author, at_us AS AtUs FROM exercise_debrief WHERE incident_id = @incidentId ORDER BY id",
                new { incidentId }).ConfigureAwait(false))
            .Select(r => new DebriefEntry(r.Id, WireName<DebriefFunction>.Parse(r.Function), r.WentWell, r.ToImprove, r.Author, Time.FromMicros(r.AtUs))).ToList(), cancellationToken);

    /// <summary>Adds an item to the exercise's action plan (animators).</summary>
    public async Task<Result<ActionPlanItem>> AddActionAsync(long incidentId, NewActionPlanItem request, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((Limits.Text("title", request.Title, Limits.TitleMaxLength) ?? Limits.Text("owner", request.Owner, Limits.NameMaxLength)) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync<Result<ActionPlanItem>>(async unit =>
        {
            if (await GetAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false) is null)
            {
                return NotAnExercise(incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO exercise_action_items (incident_id, title, category, owner, due_at_us, created_by, created_at_us)
                VALUES (@incidentId, @title, @category, @owner, @due, @author, @now) RETURNING id
                """,
                new
                {
                    incidentId, title = request.Title!.Trim(), category = WireName<CareDomain>.Of(request.Category), owner = request.Owner!.Trim(),
                    due = request.DueAt is { } d ? Time.ToMicros(d) : (long?)null, author, now = Time.ToMicros(now),
                }, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, author, new AuditLine("exercise.action_plan.add", $"incident:{incidentId}/item:{id}", request.Title.Trim()), ExerciseTopics.Evaluation).ConfigureAwait(false);
            return (await ActionPlanAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false)).First(i => i.Id == id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ActionPlanItem>> ActionPlanAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ActionPlanAsync(c, null, incidentId), cancellationToken);

    /// <summary>
    /// Sends an action-plan item to a real incident's remediation plan, on purpose (an animator): the measure is created
    /// there (and journaled there, by the remediation plan), and the item remembers where it went. Once per item.
    /// </summary>
    public async Task<Result<ActionPlanItem>> SendActionAsync(long incidentId, long itemId, long targetIncidentId, string actor, CancellationToken cancellationToken = default)
    {
        var items = await ActionPlanAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Problem.NotFound(ProblemCode.PlanItemNotFound, incidentId, itemId);
        }

        if (item.SentMeasureId is not null)
        {
            return Problem.Conflict("item", ProblemCode.PlanItemAlreadySent, item.SentIncidentId);
        }

        var target = await incidents.GetAsync(targetIncidentId, cancellationToken).ConfigureAwait(false);
        if (target is null || target.Exercise)
        {
            return (target is null ? Problem.Invalid("incidentId", ProblemCode.IncidentNotFound, targetIncidentId) : Problem.Invalid("incidentId", ProblemCode.TargetNotARealIncident));
        }

        var exercise = await GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var notes = string.Create(CultureInfo.InvariantCulture, $"Issue du plan d’action de l’exercice « {exercise?.ScenarioTitle} » (incident d’exercice n° {incidentId}).");
        var measure = await remediation.CreateAsync(targetIncidentId, new Remediation.NewMeasure(item.Title, item.Category, item.Owner, item.DueAt, notes), actor, cancellationToken).ConfigureAwait(false);
        if (!measure.IsOk)
        {
            return measure.Problem;
        }

        return await database.WriteAsync<Result<ActionPlanItem>>(async unit =>
        {
            var now = Time.Truncate(clock.GetUtcNow());
            await unit.Connection.ExecuteAsync(
                "UPDATE exercise_action_items SET sent_incident_id = @targetIncidentId, sent_measure_id = @measure, sent_at_us = @now, sent_by = @actor WHERE id = @itemId AND incident_id = @incidentId",
                new { targetIncidentId, measure = measure.Value.Id, now = Time.ToMicros(now), actor, itemId, incidentId }, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, actor, new AuditLine("exercise.action_plan.send", $"incident:{incidentId}/item:{itemId}", $"incident:{targetIncidentId}/remediation:{measure.Value.Id}"), ExerciseTopics.Evaluation).ConfigureAwait(false);
            return (await ActionPlanAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false)).First(i => i.Id == itemId);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActionPlanItem>> ActionPlanAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long incidentId) =>
        (await connection.QueryAsync<ActionRow>(
            """
            SELECT id AS Id, incident_id AS IncidentId, title AS Title, category AS Category, owner AS Owner, due_at_us AS DueAtUs, created_by AS CreatedBy, created_at_us AS CreatedAtUs,
                   sent_incident_id AS SentIncidentId, sent_measure_id AS SentMeasureId, sent_at_us AS SentAtUs, sent_by AS SentBy
            FROM exercise_action_items WHERE incident_id = @incidentId ORDER BY id
            """, new { incidentId }, transaction).ConfigureAwait(false))
        .Select(r => new ActionPlanItem(r.Id, r.IncidentId, r.Title, WireName<CareDomain>.Parse(r.Category), r.Owner, r.DueAtUs is { } d ? Time.FromMicros(d) : null, r.CreatedBy,
            Time.FromMicros(r.CreatedAtUs), r.SentIncidentId, r.SentMeasureId, r.SentAtUs is { } s ? Time.FromMicros(s) : null, r.SentBy)).ToList();

    private const int ScenarioText = Scenarios.ScenarioLimits.MaxText;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed class ObservationRow
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string? ObjectiveKey { get; set; }
        public string? ExpectationKey { get; set; }
        public string Observed { get; set; } = "";
        public long? ObservedAtUs { get; set; }
        public string? Role { get; set; }
        public string Rating { get; set; } = "";
        public long? EvidenceSeq { get; set; }
        public string? Comment { get; set; }
        public string Observer { get; set; } = "";
        public long RecordedAtUs { get; set; }
    }

    private sealed class ActionRow
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string Title { get; set; } = "";
        public string Category { get; set; } = "";
        public string Owner { get; set; } = "";
        public long? DueAtUs { get; set; }
        public string CreatedBy { get; set; } = "";
        public long CreatedAtUs { get; set; }
        public long? SentIncidentId { get; set; }
        public long? SentMeasureId { get; set; }
        public long? SentAtUs { get; set; }
        public string? SentBy { get; set; }
    }
}
