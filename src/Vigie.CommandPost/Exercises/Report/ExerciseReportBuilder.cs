using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;

namespace Vigie.CommandPost.Exercises.Report;

/// <summary>
/// The exercise report (RETEX of the exercise), as a <see cref="PostIncidentReport"/> so the print view and the PDF
/// (PDFsharp, <see cref="Reports.Pdf.ReportPdfWriter"/>, which marks every page of an exercise EXERCICE) render it like the
/// post-incident report: objectives, scenario summary, the timeline of stimuli against the cell's reactions with the time
/// each took, the expectations met, the observation grid, the hot debrief, the action plan, the hunt on the artefacts and
/// the journal's integrity. For animators and observers: it holds the expectations.
/// </summary>
public sealed class ExerciseReportBuilder(ExerciseService exercises, IncidentService incidents, JournalService journal, HospitalClock clock)
{
    public async Task<PostIncidentReport?> BuildAsync(long incidentId, CultureInfo culture, string generatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var exercise = await exercises.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var incident = await incidents.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (exercise is null || incident is null)
        {
            return null;
        }

        var t = ExerciseReportText.For(culture);
        var now = Time.Truncate(clock.GetUtcNow());
        var context = new ReportContext(incident, t.Culture, clock.Zone, now);
        var stimuli = await exercises.ListStimuliAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var reactions = await exercises.ReactionsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var objectives = await exercises.ObjectivesAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var expectations = await exercises.ExpectationsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var observations = await exercises.ObservationsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var debrief = await exercises.DebriefEntriesAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var plan = await exercises.ActionPlanAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var catalog = await exercises.RecipientsAsync(cancellationToken).ConfigureAwait(false);
        var verification = (await journal.VerifyAsync(incidentId, cancellationToken).ConfigureAwait(false))!;

        // The latest rating of each expectation (an observer may rate again as the game goes on).
        var latest = observations.Where(o => o.ExpectationKey is not null).GroupBy(o => o.ExpectationKey!).ToDictionary(g => g.Key, g => g.Last());
        var played = stimuli.Where(s => s.Status == StimulusStatus.Joue).ToList();
        var answeredTimes = played.Where(s => reactions.ContainsKey(s.Id)).Select(s => reactions[s.Id][0].ReactionTime).OfType<TimeSpan>().Order().ToList();
        var median = answeredTimes.Count == 0 ? "—" : Duration(answeredTimes[answeredTimes.Count / 2], t);

        var summary = new List<ReportFact>
        {
            new(t["Exercise"], string.Create(CultureInfo.InvariantCulture, $"{exercise.ScenarioTitle} (n°{incidentId})")),
            new(t["Level"], t["Level_" + WireName<ScenarioLevel>.Of(exercise.Level)]),
            new(t["Debex"], exercise.StartedAt is { } s ? context.Format(s) : t["NotYet"]),
            new(t["Finex"], exercise.FinishedAt is { } f ? context.Format(f) : t["NotYet"]),
            new(t["PlannedDuration"], Duration(exercise.Duration, t)),
            new(t["PlayedDuration"], TimeTexts.FormatExerciseTime(Trim(exercise.Elapsed(now)))),
            new(t["Speed"], exercise.Speed <= 1 ? t["SpeedReal"] : t.Format("SpeedAccelerated", exercise.Speed)),
            new(t["StimuliCount"], t.Format("StimuliSummary", played.Count, stimuli.Count(x => !x.Unplanned), stimuli.Count(x => x.Status == StimulusStatus.Annule),
                stimuli.Count(x => x.IsPending), stimuli.Count(x => x.Unplanned))),
            new(t["Reacted"], t.Format("ReactedSummary", played.Count(x => reactions.ContainsKey(x.Id)), played.Count, median)),
            new(t["GeneratedAt"], $"{context.Format(now)} ({clock.Zone.Id}), {generatedBy}"),
        };

        var sections = new List<ReportSection>
        {
            ObjectivesSection(t, objectives, expectations, latest),
            ScenarioSection(t, exercise, stimuli),
            TimelineSection(t, stimuli, reactions, catalog),
            ExpectationsSection(t, expectations, stimuli, latest),
            GridSection(t, observations, context),
            DebriefSection(t, debrief),
            ActionPlanSection(t, plan, context),
            HuntSection(t, stimuli),
            IntegritySection(t, verification),
        };
        var footer = t.Format("Footer", incidentId, incident.JournalCount, incident.JournalHead[..16]);
        return new PostIncidentReport(incident, t.English ? "en" : "fr", t["Title"], exercise.ScenarioTitle, now, generatedBy, summary, sections, verification, footer);
    }

    private static ReportSection ObjectivesSection(ExerciseReportText t, IReadOnlyList<ScenarioObjective> objectives, IReadOnlyList<ScenarioExpectation> expectations,
        Dictionary<string, Observation> latest)
    {
        if (objectives.Count == 0)
        {
            return new ReportSection("objectives", 10, t["SectionObjectives"], [new ReportParagraph(t["ObjectivesNone"])]);
        }

        var rows = objectives.Select(o =>
        {
            var mine = expectations.Where(e => e.ObjectiveKey == o.Key).ToList();
            int Count(ObservationRating r) => mine.Count(e => latest.TryGetValue(e.Key, out var obs) && obs.Rating == r);
            var acquired = Count(ObservationRating.Acquis);
            var notAcquired = Count(ObservationRating.NonAcquis);
            return new ReportRow([o.Key, o.Text, mine.Count.ToString(CultureInfo.InvariantCulture), acquired.ToString(CultureInfo.InvariantCulture),
                Count(ObservationRating.PartiellementAcquis).ToString(CultureInfo.InvariantCulture), notAcquired.ToString(CultureInfo.InvariantCulture)],
                notAcquired > 0 ? ReportTone.Bad : mine.Count > 0 && acquired == mine.Count ? ReportTone.Good : ReportTone.Normal);
        }).ToList();
        return new ReportSection("objectives", 10, t["SectionObjectives"],
        [
            new ReportTable([t["Number"], t["Objective"], t["Expectations"], t["Rating_acquis"], t["Rating_partiellement_acquis"], t["Rating_non_acquis"]], rows, [0.6, 5, 1, 1, 1.2, 1]),
        ]);
    }

    private static ReportSection ScenarioSection(ExerciseReportText t, Exercise exercise, IReadOnlyList<Stimulus> stimuli)
    {
        var blocks = new List<ReportBlock>();
        if (exercise.Setting is { } setting)
        {
            blocks.Add(new ReportFacts([new ReportFact(t["Setting"], setting)]));
        }

        if (exercise.Summary is { } summary)
        {
            blocks.Add(new ReportFacts([new ReportFact(t["Summary"], summary)]));
        }

        blocks.Add(new ReportFacts([new ReportFact(t["Source"], $"{exercise.SourceName} ({exercise.SourceFormat})")]));
        blocks.Add(new ReportParagraph(t["ByChannel"]));
        blocks.Add(new ReportFacts(stimuli.GroupBy(s => s.Channel).OrderByDescending(g => g.Count())
            .Select(g => new ReportFact(t["Channel_" + WireName<StimulusChannel>.Of(g.Key)], g.Count().ToString(CultureInfo.InvariantCulture))).ToList()));
        return new ReportSection("scenario", 20, t["SectionScenario"], blocks);
    }

    private static ReportSection TimelineSection(ExerciseReportText t, IReadOnlyList<Stimulus> stimuli, IReadOnlyDictionary<long, IReadOnlyList<StimulusReaction>> reactions, RecipientCatalog catalog)
    {
        var rows = new List<ReportRow>();
        foreach (var s in stimuli.OrderBy(s => s.PlayedElapsed ?? s.Due).ThenBy(s => s.Sort))
        {
            var status = t["Status_" + WireName<StimulusStatus>.Of(s.Status)];
            if (s.Shift != TimeSpan.Zero)
            {
                status += " — " + t.Format("Shifted", TimeTexts.FormatOffset(s.Shift));
            }

            if (s.Unplanned)
            {
                status += " — " + t["Unplanned"];
            }

            var first = reactions.TryGetValue(s.Id, out var list) && list.Count > 0 ? list[0] : null;
            var what = s.Title ?? Excerpt(s.Content);
            rows.Add(new ReportRow(
            [
                s.Number,
                TimeTexts.FormatExerciseTime(Trim(s.Offset)),
                s.PlayedElapsed is { } p ? TimeTexts.FormatExerciseTime(Trim(p)) : "—",
                status,
                t["Channel_" + WireName<StimulusChannel>.Of(s.Channel)],
                $"{s.Sender} → {string.Join(", ", s.Recipients.Select(r => catalog.Label(r, t.English)))}",
                what,
                first is null ? (s.Status == StimulusStatus.Joue ? t["NoReaction"] : "—") : $"{first.Author} : {Excerpt(first.Text)}",
                first?.ReactionTime is { } rt ? Duration(rt, t) : "—",
            ], s.Status == StimulusStatus.Joue && first is null ? ReportTone.Warning : s.Status == StimulusStatus.Joue ? ReportTone.Good : ReportTone.Normal));
        }

        return new ReportSection("timeline", 30, t["SectionTimeline"],
        [
            new ReportParagraph(t["TimelineIntro"]),
            new ReportTable([t["Number"], t["Planned"], t["Played"], t["Status"], t["Channel"], t["FromTo"], t["Stimulus"], t["FirstReaction"], t["ReactionTime"]], rows,
                [0.6, 0.9, 0.9, 1.2, 1.1, 1.9, 2.4, 2.4, 0.9]),
        ]);
    }

    private static ReportSection ExpectationsSection(ExerciseReportText t, IReadOnlyList<ScenarioExpectation> expectations, IReadOnlyList<Stimulus> stimuli,
        Dictionary<string, Observation> latest)
    {
        if (expectations.Count == 0)
        {
            return new ReportSection("expectations", 40, t["SectionExpectations"], [new ReportParagraph(t["ExpectationsNone"])]);
        }

        int Count(ObservationRating r) => expectations.Count(e => latest.TryGetValue(e.Key, out var o) && o.Rating == r);
        var rows = expectations.Select(e =>
        {
            var rated = latest.TryGetValue(e.Key, out var o) ? o : null;
            var tone = rated?.Rating switch
            {
                ObservationRating.Acquis => ReportTone.Good,
                ObservationRating.PartiellementAcquis => ReportTone.Warning,
                ObservationRating.NonAcquis => ReportTone.Bad,
                _ => ReportTone.Normal,
            };
            return new ReportRow([e.Key, e.Text, e.StimulusNumber ?? "—", e.ObjectiveKey ?? "—",
                rated is null ? t["NotRated"] : t["Rating_" + WireName<ObservationRating>.Of(rated.Rating)],
                rated?.EvidenceSeq is { } seq ? t.Format("EvidenceEntry", seq) : "—"], tone);
        }).ToList();
        return new ReportSection("expectations", 40, t["SectionExpectations"],
        [
            new ReportParagraph(t.Format("ExpectationsSummary", expectations.Count, Count(ObservationRating.Acquis), Count(ObservationRating.PartiellementAcquis),
                Count(ObservationRating.NonAcquis), expectations.Count(e => !latest.ContainsKey(e.Key)))),
            new ReportTable([t["Number"], t["Expectation"], t["Stimulus"], t["Objective"], t["Rating"], t["Evidence"]], rows, [0.8, 5, 0.8, 0.8, 1.4, 1.2]),
        ]);
    }

    private static ReportSection GridSection(ExerciseReportText t, IReadOnlyList<Observation> observations, ReportContext context)
    {
        if (observations.Count == 0)
        {
            return new ReportSection("grid", 50, t["SectionGrid"], [new ReportParagraph(t["GridNone"], ReportTone.Warning)]);
        }

        var rows = observations.Select(o => new ReportRow(
        [
            o.ObservedAt is { } at ? context.Format(at) : "—", o.ExpectationKey ?? o.ObjectiveKey ?? "—", o.Observed, o.Role ?? "—",
            t["Rating_" + WireName<ObservationRating>.Of(o.Rating)], o.EvidenceSeq is { } seq ? t.Format("EvidenceEntry", seq) : "—", o.Comment ?? "", o.Observer,
        ])).ToList();
        return new ReportSection("grid", 50, t["SectionGrid"],
            [new ReportTable([t["When"], t["Expectation"], t["Observed"], t["Role"], t["Rating"], t["Evidence"], t["Comment"], t["Observer"]], rows, [1.3, 0.8, 3, 1, 1.2, 1, 2, 1])]);
    }

    private static ReportSection DebriefSection(ExerciseReportText t, IReadOnlyList<DebriefEntry> debrief)
    {
        if (debrief.Count == 0)
        {
            return new ReportSection("debrief", 60, t["SectionDebrief"], [new ReportParagraph(t["DebriefNone"], ReportTone.Warning)]);
        }

        var rows = debrief.OrderBy(d => d.Function).ThenBy(d => d.Id)
            .Select(d => new ReportRow([t["Function_" + WireName<DebriefFunction>.Of(d.Function)], d.WentWell ?? "—", d.ToImprove ?? "—", d.Author])).ToList();
        return new ReportSection("debrief", 60, t["SectionDebrief"], [new ReportTable([t["Function"], t["WentWell"], t["ToImprove"], t["Author"]], rows, [1.5, 4, 4, 1.2])]);
    }

    private static ReportSection ActionPlanSection(ExerciseReportText t, IReadOnlyList<ActionPlanItem> plan, ReportContext context)
    {
        if (plan.Count == 0)
        {
            return new ReportSection("action_plan", 70, t["SectionActionPlan"], [new ReportParagraph(t["ActionPlanNone"])]);
        }

        var rows = plan.Select(i => new ReportRow(
        [
            i.Title, CareDomains.Label(i.Category, t.English), i.Owner, i.DueAt is { } d ? context.Format(d) : "—",
            i.SentMeasureId is { } m ? t.Format("SentToIncident", i.SentIncidentId, m) : t["NotSent"],
        ], i.SentMeasureId is null ? ReportTone.Normal : ReportTone.Good)).ToList();
        return new ReportSection("action_plan", 70, t["SectionActionPlan"],
            [new ReportTable([t["Action"], t["CareDomain"], t["Owner"], t["Due"], t["SentTo"]], rows, [4, 2, 1.5, 1.3, 2])]);
    }

    private static ReportSection HuntSection(ExerciseReportText t, IReadOnlyList<Stimulus> stimuli)
    {
        var technical = stimuli.Where(s => s.ArtifactName is not null).ToList();
        if (technical.Count == 0)
        {
            return new ReportSection("hunt", 80, t["SectionHunt"], [new ReportParagraph(t["HuntNone"])]);
        }

        var rows = technical.Select(s => new ReportRow([s.Number, s.ArtifactName!, t["Status_" + WireName<StimulusStatus>.Of(s.Status)],
            s.Findings is { } f ? f.ToString(CultureInfo.InvariantCulture) : s.HuntNote ?? (s.Status == StimulusStatus.Joue ? t["HuntPending"] : "—")])).ToList();
        return new ReportSection("hunt", 80, t["SectionHunt"], [new ReportTable([t["Number"], t["Artifact"], t["Status"], t["Findings"]], rows, [0.8, 4, 1.5, 2])]);
    }

    private static ReportSection IntegritySection(ExerciseReportText t, JournalVerification verification) =>
        new("integrity", 90, t["SectionIntegrity"],
        [
            new ReportFacts(
            [
                new ReportFact(t["Entries"], verification.Entries.ToString(CultureInfo.InvariantCulture)),
                new ReportFact(t["HeadHash"], verification.HeadHash),
                new ReportFact(t["Verification"], verification.Valid ? t["ChainIntact"] : t.Format("ChainBroken", verification.FirstBrokenSeq, verification.Reason),
                    verification.Valid ? ReportTone.Good : ReportTone.Bad),
            ]),
        ]);

    private static string Duration(TimeSpan span, ExerciseReportText t) =>
        span < TimeSpan.FromMinutes(1) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s") : LocalTimeText.Duration(span, t.English);

    private static TimeSpan Trim(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 140 ? line[..137] + "…" : line;
    }
}
