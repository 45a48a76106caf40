using System.Globalization;
using System.Text.Json;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Remediation;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    /// <summary>
    /// The exercise as a Vigie YAML scenario (re-importable: a new exercise of the same scenario), with stimuli added during
    /// the game and shifts kept at the time they were planned for. With <paramref name="played"/>, a <c>played:</c> section
    /// says what happened (statuses, times, reactions, grid, debrief, action plan); the import ignores it.
    /// </summary>
    public async Task<string?> ExportAsync(long incidentId, bool played, CancellationToken cancellationToken = default)
    {
        var exercise = await GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (exercise is null)
        {
            return null;
        }

        var stimuli = await ListStimuliAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var objectives = await ObjectivesAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var expectations = await ExpectationsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var start = await database.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<string?>(c, "SELECT starting_state FROM exercises WHERE incident_id = @incidentId", new { incidentId }), cancellationToken)
            .ConfigureAwait(false);
        var startingState = start is null ? null : JsonSerializer.Deserialize<StartingState>(start);
        var catalog = await RecipientsAsync(cancellationToken).ConfigureAwait(false);
        var stimulusNumbers = stimuli.Select(s => s.Number).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var document = new ScenarioDocument
        {
            VigieScenario = ScenarioDocument.CurrentVersion,
            Title = exercise.ScenarioTitle,
            Level = WireName<ScenarioLevel>.Of(exercise.Level),
            Duration = TimeTexts.FormatOffset(exercise.Duration)[1..],
            StartTime = exercise.StartClock,
            Setting = exercise.Setting,
            Summary = exercise.Summary,
            Objectives = objectives.Select(o => new ScenarioDocument.ObjectiveDocument { Id = o.Key, Text = o.Text }).ToList(),
            Recipients = stimuli.SelectMany(s => s.Recipients).Distinct(StringComparer.Ordinal).Where(k => RecipientCatalog.BuiltIn.All(b => b.Key != k) && !catalog.IsKnown(k))
                .Select(k => new ScenarioDocument.RecipientDocument { Id = k, Label = k }).ToList(),
            StartingState = startingState is null ? null : new ScenarioDocument.StartingStateDocument
            {
                Phase = startingState.Phase is { } p ? WireName<Incidents.IncidentPhase>.Of(p) : null,
                Services = startingState.Services.Select(s => new ScenarioDocument.StartingServiceDocument
                {
                    Service = s.Service, Status = WireName<Continuity.Board.ServiceStatus>.Of(s.Status), Reason = s.Reason, Diversion = s.Diversion,
                }).ToList(),
            },
            Stimuli = [],
            Expectations = expectations.Where(e => !(e.Key.StartsWith("R-", StringComparison.Ordinal) && stimulusNumbers.Contains(e.Key[2..])))
                .Select(e => new ScenarioDocument.ExpectationDocument { Id = e.Key, Objective = e.ObjectiveKey, Stimulus = e.StimulusNumber, Text = e.Text }).ToList(),
        };
        if (document.Recipients.Count == 0)
        {
            document.Recipients = null;
        }

        foreach (var s in stimuli.OrderBy(s => s.Offset).ThenBy(s => s.Sort))
        {
            var artifact = await ArtifactAsync(incidentId, s.Id, cancellationToken).ConfigureAwait(false);
            document.Stimuli.Add(new ScenarioDocument.StimulusDocument
            {
                Id = s.Number,
                At = TimeTexts.FormatOffset(s.Offset),
                Channel = WireName<StimulusChannel>.Of(s.Channel),
                From = s.Sender,
                To = s.Recipients.Count == 1 ? s.Recipients[0] : s.Recipients.ToList(),
                Title = s.Title,
                Content = s.Content,
                Expected = s.Expected,
                Deliverable = s.Deliverable,
                Notes = s.Notes,
                Objectives = s.Objectives.Count == 0 ? null : s.Objectives.ToList(),
                Unplanned = s.Unplanned ? true : null,
                Artifact = artifact is not { } a ? null : a.Format == ArtifactFormat.Jsonl
                    ? new ScenarioDocument.ArtifactDocument { Name = a.Name, Format = "jsonl", Content = System.Text.Encoding.UTF8.GetString(a.Content) }
                    : new ScenarioDocument.ArtifactDocument { Name = a.Name, Format = "evtx", ContentBase64 = Convert.ToBase64String(a.Content) },
            });
        }

        if (played)
        {
            document.Played = await PlayedAsync(exercise, stimuli, cancellationToken).ConfigureAwait(false);
        }

        var comment = played
            ? $"Vigie — exercice joué n° {incidentId} (EXERCICE), exporté le {clock.Text(clock.GetUtcNow())}.\nRéimportable : la section played est ignorée à l’import."
            : $"Vigie — scénario d’exercice « {exercise.ScenarioTitle} », exporté le {clock.Text(clock.GetUtcNow())}.";
        return ScenarioYamlWriter.Write(document, comment);
    }

    private async Task<ScenarioDocument.PlayedDocument> PlayedAsync(Exercise exercise, IReadOnlyList<Stimulus> stimuli, CancellationToken cancellationToken)
    {
        var incidentId = exercise.IncidentId;
        var reactions = await ReactionsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var observations = await ObservationsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var debrief = await DebriefEntriesAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var plan = await ActionPlanAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var incident = await incidents.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return new ScenarioDocument.PlayedDocument
        {
            Incident = incidentId.ToString(CultureInfo.InvariantCulture),
            Status = WireName<ExerciseStatus>.Of(exercise.Status),
            Debex = exercise.StartedAt is { } s ? Time.Canonical(s) : null,
            Finex = exercise.FinishedAt is { } f ? Time.Canonical(f) : null,
            Speed = exercise.Speed,
            JournalHead = incident?.JournalHead,
            Stimuli = stimuli.Select(s => new ScenarioDocument.PlayedStimulusDocument
            {
                Id = s.Number,
                Status = WireName<StimulusStatus>.Of(s.Status),
                PlannedAt = TimeTexts.FormatOffset(s.Due),
                PlayedAt = s.PlayedAt is { } at ? Time.Canonical(at) : null,
                PlayedTime = s.PlayedElapsed is { } e ? TimeTexts.FormatOffset(TimeSpan.FromSeconds(Math.Floor(e.TotalSeconds))) : null,
                ReactionTime = reactions.TryGetValue(s.Id, out var r) && r[0].ReactionTime is { } rt ? TimeTexts.FormatOffset(TimeSpan.FromSeconds(Math.Floor(rt.TotalSeconds))) : null,
                Reactions = reactions.TryGetValue(s.Id, out var all) ? all.Select(x => $"{x.Kind} {x.RefId.ToString(CultureInfo.InvariantCulture)} ({x.Author}): {x.Text}").ToList() : null,
            }).ToList(),
            Observations = observations.Select(o => new ScenarioDocument.PlayedObservationDocument
            {
                Objective = o.ObjectiveKey, Expectation = o.ExpectationKey, Rating = WireName<ObservationRating>.Of(o.Rating), Observed = o.Observed,
                At = o.ObservedAt is { } at ? Time.Canonical(at) : null, Evidence = o.EvidenceSeq?.ToString(CultureInfo.InvariantCulture), Comment = o.Comment, Observer = o.Observer,
            }).ToList(),
            Debrief = debrief.Select(d => new ScenarioDocument.PlayedDebriefDocument
            {
                Function = WireName<DebriefFunction>.Of(d.Function), WentWell = d.WentWell, ToImprove = d.ToImprove, Author = d.Author,
            }).ToList(),
            ActionPlan = plan.Select(i => new ScenarioDocument.PlayedActionDocument
            {
                Title = i.Title, Category = WireName<CareDomain>.Of(i.Category), Owner = i.Owner, Due = i.DueAt is { } d ? Time.Canonical(d) : null,
                SentTo = i.SentMeasureId is { } m ? string.Create(CultureInfo.InvariantCulture, $"incident {i.SentIncidentId}, measure {m}") : null,
            }).ToList(),
        };
    }
}
