using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    private const int MaxTitle = 280;

    /// <summary>Reads and checks a scenario file without writing anything.</summary>
    public async Task<ScenarioReadResult> CheckAsync(byte[] content, string fileName, ExerciseImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new ExerciseImportOptions();
        if (content.Length > MaxImportBytes)
        {
            return ScenarioReadResult.Unreadable("?", new ScenarioError(null, "file", $"the file is larger than {MaxImportBytes / 1024 / 1024} MB."));
        }

        var roles = await CrisisRolesAsync(cancellationToken).ConfigureAwait(false);
        return ScenarioReader.Read(content, fileName, new ChronogrammeReader.Options(options.Title, options.Level, options.Mapping), roles, BuiltInScenarios.File);
    }

    /// <summary>
    /// Imports a scenario as a new exercise incident, in one transaction: the incident (created an exercise), the scenario,
    /// its stimuli, objectives and expectations, a journal note. A file with a refused line imports nothing unless
    /// <see cref="ExerciseImportOptions.ValidOnly"/>; the result then names every refused line. The starting state (phase,
    /// services down) is applied once the exercise exists, through the board (what it could not apply is in the warnings).
    /// </summary>
    public async Task<ExerciseImportResult> ImportAsync(byte[] content, string fileName, ExerciseImportOptions options, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = await CheckAsync(content, fileName, options, cancellationToken).ConfigureAwait(false);
        if (read.Scenario is null || !read.HasGoodRows || (!read.IsClean && !options.ValidOnly) || options.DryRun)
        {
            return new ExerciseImportResult(read, null, read.Scenario?.Stimuli.Count ?? 0, []);
        }

        var id = await SaveAsync(read.Scenario, fileName, read.Format, author, cancellationToken).ConfigureAwait(false);
        var warnings = await ApplyStartingStateAsync(id, read.Scenario.Start, author, cancellationToken).ConfigureAwait(false);
        return new ExerciseImportResult(read, id, read.Scenario.Stimuli.Count, warnings);
    }

    /// <summary>Imports a scenario shipped with Vigie.</summary>
    public async Task<Result<ExerciseImportResult>> ImportBuiltInAsync(string key, string author, CancellationToken cancellationToken = default)
    {
        if (BuiltInScenarios.Find(key) is not { } scenario)
        {
            return Problem.NotFound(ProblemCode.ScenarioNotFound, key, string.Join(", ", BuiltInScenarios.All.Select(s => s.Key)));
        }

        var imported = await ImportAsync(BuiltInScenarios.Content(scenario), scenario.Key + ".yaml", new ExerciseImportOptions(), author, cancellationToken).ConfigureAwait(false);
        return imported.Imported ? imported : throw new InvalidOperationException($"The built-in scenario '{key}' does not import: {imported.Read.Errors.FirstOrDefault()?.Message}");
    }

    private Task<long> SaveAsync(Scenario scenario, string fileName, string format, string author, CancellationToken cancellationToken) =>
        database.WriteAsync(async unit =>
        {
            var title = scenario.Title.Length > MaxTitle ? scenario.Title[..(MaxTitle - 1)] + "…" : scenario.Title;
            var incidentTitle = title.StartsWith("EXERCICE", StringComparison.Ordinal) ? title : "EXERCICE — " + title;
            var created = await incidents.CreateAsync(unit, new NewIncident(incidentTitle, IncidentKind.Cyber, Severity: Severity.Elevee, Exercise: true), author).ConfigureAwait(false);
            if (!created.IsOk)
            {
                throw new InvalidOperationException(created.Problem.Message);
            }

            var id = created.Value.Id;
            var now = Time.Truncate(clock.GetUtcNow());
            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO exercises (incident_id, scenario_title, level, setting, summary, start_clock, duration_us, source_name, source_format, starting_state,
                                       status, speed, anchor_elapsed_us, created_at_us, created_by)
                VALUES (@id, @title, @level, @setting, @summary, @startClock, @duration, @source, @format, @start, @status, 1, 0, @now, @author)
                """,
                new
                {
                    id,
                    title,
                    level = WireName<ScenarioLevel>.Of(scenario.Level),
                    setting = scenario.Setting,
                    summary = scenario.Summary,
                    startClock = scenario.StartClock,
                    duration = ExerciseRows.Micros(scenario.Duration),
                    source = Path.GetFileName(fileName).Length > 200 ? Path.GetFileName(fileName)[..200] : Path.GetFileName(fileName),
                    format,
                    start = scenario.Start is null ? null : JsonSerializer.Serialize(scenario.Start),
                    status = WireName<ExerciseStatus>.Of(ExerciseStatus.Pret),
                    now = Time.ToMicros(now),
                    author,
                },
                unit.Transaction).ConfigureAwait(false);

            foreach (var (objective, index) in scenario.Objectives.Select((o, i) => (o, i)))
            {
                await unit.Connection.ExecuteAsync("INSERT INTO exercise_objectives (incident_id, key, text, sort) VALUES (@id, @key, @text, @sort)",
                    new { id, key = objective.Key, text = objective.Text, sort = index }, unit.Transaction).ConfigureAwait(false);
            }

            foreach (var (s, index) in scenario.Stimuli.Select((s, i) => (s, i)))
            {
                await InsertStimulusAsync(unit, id, s, index, unplanned: false).ConfigureAwait(false);
            }

            foreach (var (e, index) in scenario.Expectations.Select((e, i) => (e, i)))
            {
                await unit.Connection.ExecuteAsync(
                    "INSERT INTO exercise_expectations (incident_id, key, objective_key, stimulus_number, text, sort) VALUES (@id, @key, @objective, @stimulus, @text, @sort)",
                    new { id, key = e.Key, objective = e.ObjectiveKey, stimulus = e.StimulusNumber, text = e.Text, sort = index }, unit.Transaction).ConfigureAwait(false);
            }

            var note = string.Create(CultureInfo.InvariantCulture,
                $"Scénario d’exercice importé : « {title} » — niveau {ExerciseLabels.French(scenario.Level)}, {scenario.Stimuli.Count} stimulus(s), " +
                $"durée prévue {LocalTimeText.Duration(scenario.Duration)} (fichier {Path.GetFileName(fileName)}).");
            var entry = await changes.RecordAsync(unit, id, author, new NewJournalEntry(JournalKind.Note, note, Link: new JournalLink("exercise", id.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("exercise.import", $"incident:{id}", $"{Path.GetFileName(fileName)} ({format}, {scenario.Stimuli.Count} stimuli)"), ExerciseTopics.Exercise).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            return id;
        }, cancellationToken);

    private static async Task<long> InsertStimulusAsync(UnitOfWork unit, long incidentId, ScenarioStimulus s, int sort, bool unplanned) =>
        await unit.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO exercise_stimuli (incident_id, number, sort, offset_us, shift_us, channel, sender, recipients, title, content, expected, deliverable, notes,
                                          objectives, artifact_name, artifact_format, artifact, source_line, unplanned, status)
            VALUES (@incidentId, @number, @sort, @offset, 0, @channel, @sender, @recipients, @title, @content, @expected, @deliverable, @notes,
                    @objectives, @artifactName, @artifactFormat, @artifact, @line, @unplanned, @status)
            RETURNING id
            """,
            new
            {
                incidentId,
                number = s.Number,
                sort,
                offset = ExerciseRows.Micros(s.Offset),
                channel = WireName<StimulusChannel>.Of(s.Channel),
                sender = s.Sender,
                recipients = ExerciseRows.Keys(s.Recipients),
                title = s.Title,
                content = s.Content,
                expected = s.Expected,
                deliverable = s.Deliverable,
                notes = s.Notes,
                objectives = ExerciseRows.Keys(s.Objectives),
                artifactName = s.Artifact?.Name,
                artifactFormat = s.Artifact is { } a ? WireName<ArtifactFormat>.Of(a.Format) : null,
                artifact = s.Artifact?.Content,
                line = s.Line,
                unplanned = unplanned ? 1 : 0,
                status = WireName<StimulusStatus>.Of(StimulusStatus.Prevu),
            },
            unit.Transaction).ConfigureAwait(false);

    /// <summary>Puts the exercise incident in its starting state through the board (journaled as any change); returns what could not be applied.</summary>
    private async Task<IReadOnlyList<string>> ApplyStartingStateAsync(long incidentId, StartingState? start, string author, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        if (start is null)
        {
            return warnings;
        }

        if (start.Phase is { } phase && phase != IncidentPhase.Detection)
        {
            var changed = await incidents.ChangePhaseAsync(incidentId, phase, author, cancellationToken).ConfigureAwait(false);
            if (!changed.IsOk)
            {
                warnings.Add($"starting phase: {changed.Problem.Message}");
            }
        }

        if (start.Services.Count == 0)
        {
            return warnings;
        }

        var services = await sites.ListServicesAsync(null, false, cancellationToken).ConfigureAwait(false);
        foreach (var wanted in start.Services)
        {
            var key = TextKey.Normalise(wanted.Service);
            var service = services.FirstOrDefault(s => s.Code is not null && TextKey.Normalise(s.Code) == key) ?? services.FirstOrDefault(s => TextKey.Normalise(s.Name) == key);
            if (service is null)
            {
                warnings.Add($"starting state: no site has a service '{wanted.Service}' (add the hospital's sites on /sites, then set it on the board).");
                continue;
            }

            var reason = string.IsNullOrWhiteSpace(wanted.Reason) ? "État initial de l’exercice" : wanted.Reason;
            var diversion = wanted.Diversion is not null || (service.Emergency && wanted.Status is ServiceStatus.Ferme or ServiceStatus.Diversion)
                ? new DiversionRequest(wanted.Diversion ?? WireName<DiversionCategory>.Of(DiversionCategory.Totale))
                : null;
            var changed = await board.ChangeStatusAsync(incidentId, service.Id, new StatusChange(wanted.Status, reason, Diversion: diversion), author, cancellationToken).ConfigureAwait(false);
            if (!changed.IsOk)
            {
                warnings.Add($"starting state, {service.Name}: {changed.Problem.Message}");
            }
        }

        return warnings;
    }
}
