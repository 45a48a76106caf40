using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Report;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Exercises;

/// <summary>Exercises on SQLite and PostgreSQL: the flag, the marked journal, import, the clock, delivery, need-to-know, answers, evaluation, report, export.</summary>
public sealed class ExerciseServiceTests
{
    private static readonly DateTimeOffset s_start = new(2025, 2, 8, 13, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private const string Scenario = """
        vigie_scenario: 1
        title: Essai de nuit
        level: debutant
        duration: 1 h
        start_time: "02:00"
        objectives:
          - id: O1
            text: Alerter la cellule
        stimuli:
          - id: S1
            at: "+00:00"
            channel: document_papier
            from: Imprimante
            to: tous
            content: PUBLIC-NOTE-DE-RANCON
            notes: SECRET-NOTE-ANIMATION-1
            expected: SECRET-ATTENDU-1
            deliverable: SECRET-LIVRABLE-1
            objectives: [O1]
          - id: S2
            at: "+00:10"
            channel: appel_telephonique
            from: SAMU
            to: directeur_crise
            content: POUR-LE-DIRECTEUR-SEULEMENT
            notes: SECRET-NOTE-ANIMATION-2
          - id: S3
            at: "+00:20"
            channel: presse
            from: Journaliste
            to: communication
            content: POUR-LA-COMMUNICATION-SEULEMENT
            expected: SECRET-ATTENDU-3
        expectations:
          - id: A1
            objective: O1
            stimulus: S2
            text: SECRET-ATTENDU-EXPLICITE
        """;

    private static async Task<(Services S, ExerciseService Exercises, FakeTimeProvider Time, long Id)> ImportedAsync(DatabaseKind kind, string scenario = Scenario)
    {
        var time = new FakeTimeProvider(s_start);
        var s = await Services.CreateAsync(kind, time);
        var exercises = s.Get<ExerciseService>();
        var imported = await exercises.ImportAsync(Encoding.UTF8.GetBytes(scenario), "essai.yaml", new ExerciseImportOptions(), "animatrice");
        Assert.True(imported.Imported, string.Join("; ", imported.Read.Errors.Select(e => e.Message)));
        return (s, exercises, time, imported.IncidentId!.Value);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_CreatesAnExerciseIncident_MarkedInEveryJournalEntry_ListedApart(DatabaseKind kind)
    {
        var (s, exercises, _, id) = await ImportedAsync(kind);
        await using var _s = s;
        var real = await s.NewIncidentAsync("Incident réel");

        var incident = (await s.Incidents.GetAsync(id))!;
        Assert.True(incident.Exercise);
        Assert.Equal("EXERCICE — Essai de nuit", incident.Title);
        Assert.False(real.Exercise);
        Assert.Equal([id], (await exercises.ListAsync()).Select(e => e.IncidentId));
        Assert.Equal((3L, 3L), ((await exercises.CountsAsync(id)).Pending, (await exercises.CountsAsync(id)).Total));

        var entries = await s.Journal.ListAsync(id, new JournalQuery());
        Assert.All(entries, e => Assert.True(e.Exercise));
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
        var canonical = Encoding.UTF8.GetString(JournalChain.CanonicalForm(id, 1, s_start, s_start, "a", JournalKind.Note, "t", null, null, exercise: true));
        Assert.StartsWith("25:vigie-journal-v1-exercice\n", canonical, StringComparison.Ordinal);
        Assert.EndsWith("8:EXERCICE\n", canonical, StringComparison.Ordinal);

        // The real incident's chain keeps the v1 form; the mark cannot be added or removed without breaking a chain.
        Assert.All(await s.Journal.ListAsync(real.Id, new JournalQuery()), e => Assert.False(e.Exercise));
        Assert.True((await s.Journal.VerifyAsync(real.Id))!.Valid);
        await s.TamperAsync($"UPDATE incidents SET exercise_marked_from = NULL, exercise = 0 WHERE id = {id}");
        var verification = (await s.Journal.VerifyAsync(id))!;
        Assert.False(verification.Valid);
        Assert.Equal(1, verification.FirstBrokenSeq);
        await s.TamperAsync($"UPDATE incidents SET exercise_marked_from = 1, exercise = 1 WHERE id = {real.Id}");
        Assert.False((await s.Journal.VerifyAsync(real.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task LegacyExerciseTitle_MarkedFromTheNextEntry_KeepsItsChainValid(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind, new FakeTimeProvider(s_start));
        var old = await s.NewIncidentAsync("EXERCICE — plan blanc d'avant");
        var before = old.JournalCount;

        // What migration 4000 does to an incident titled EXERCICE before the flag existed.
        await s.TamperAsync($"UPDATE incidents SET exercise = 1, exercise_marked_from = journal_count + 1 WHERE id = {old.Id}");
        Assert.True((await s.Journal.AppendAsync(old.Id, "alice", new NewJournalEntry(JournalKind.Fait, "Après la migration"))).IsOk);

        var entries = await s.Journal.ListAsync(old.Id, new JournalQuery());
        Assert.All(entries.Where(e => e.Seq <= before), e => Assert.False(e.Exercise));
        Assert.True(entries[^1].Exercise);
        Assert.True((await s.Journal.VerifyAsync(old.Id))!.Valid);
        Assert.True((await s.Incidents.GetAsync(old.Id))!.Exercise);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_RefusedFile_WritesNothing_ValidOnlyImportsTheGoodRows(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind, new FakeTimeProvider(s_start));
        var exercises = s.Get<ExerciseService>();
        var csv = Encoding.UTF8.GetBytes("N°;H+;Destinataire;Stimulus\n1;+00:10;Tous;Bon\n2;+00:05;Tous;En arrière\n3;+00:20;Personne;Inconnu\n4;+00:30;RSSI;Bon aussi\n");

        var refused = await exercises.ImportAsync(csv, "c.csv", new ExerciseImportOptions(), "animatrice");
        Assert.False(refused.Imported);
        Assert.Equal([3, 4], refused.Read.Errors.Select(e => e.Line!.Value));
        Assert.Empty(await exercises.ListAsync());
        Assert.Empty(await s.Incidents.ListAsync());

        var dry = await exercises.ImportAsync(csv, "c.csv", new ExerciseImportOptions(ValidOnly: true, DryRun: true), "animatrice");
        Assert.False(dry.Imported);
        Assert.Empty(await s.Incidents.ListAsync());

        var good = await exercises.ImportAsync(csv, "c.csv", new ExerciseImportOptions(Title: "Chronogramme du GHT", ValidOnly: true), "animatrice");
        Assert.True(good.Imported);
        Assert.Equal(2, good.Stimuli);
        Assert.Equal(["1", "4"], (await exercises.ListStimuliAsync(good.IncidentId!.Value)).Select(x => x.Number));
        Assert.Equal("Chronogramme du GHT", (await exercises.GetAsync(good.IncidentId.Value))!.ScenarioTitle);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Clock_DeliversInOrderAtTheirTime_PausesShiftsCancels_AndJournalsWithoutContent(DatabaseKind kind)
    {
        var (s, exercises, time, id) = await ImportedAsync(kind);
        await using var _s = s;
        Assert.Empty(await exercises.DeliverDueAsync());
        Assert.True((await exercises.StartAsync(id, 10, "animatrice")).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await exercises.StartAsync(id, 10, "animatrice")).Problem!.Kind);
        Assert.Equal(ProblemKind.Invalid, (await exercises.SetSpeedAsync(id, 61, "animatrice")).Problem!.Kind);

        // S1 at +00:00 is due at once.
        var first = await exercises.DeliverDueAsync();
        Assert.Equal(["S1"], first.Select(d => d.Number));
        // At ×10, S2 (+00:10) is due one real minute later.
        Assert.Equal(s_start.AddMinutes(1), await exercises.NextDueAsync());
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await exercises.DeliverDueAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["S2"], (await exercises.DeliverDueAsync()).Select(d => d.Number));
        var s2 = (await exercises.ListStimuliAsync(id)).Single(x => x.Number == "S2");
        Assert.Equal((StimulusStatus.Joue, TimeSpan.FromMinutes(10)), (s2.Status, s2.PlayedElapsed));

        // Paused, nothing comes; shifted by 5 minutes, S3 falls at +00:25.
        Assert.True((await exercises.PauseAsync(id, "animatrice")).IsOk);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await exercises.DeliverDueAsync());
        Assert.Null(await exercises.NextDueAsync());
        var s3 = (await exercises.ListStimuliAsync(id)).Single(x => x.Number == "S3");
        Assert.Equal(StimulusStatus.Decale, (await exercises.ShiftAsync(id, s3.Id, 5, "animatrice")).Value.Status);
        Assert.True((await exercises.ResumeAsync(id, "animatrice")).IsOk);
        Assert.Equal(time.GetUtcNow().AddSeconds(90), await exercises.NextDueAsync());

        // Cancelled, it is never played; played stimuli cannot be changed.
        Assert.True((await exercises.CancelAsync(id, s3.Id, "animatrice")).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await exercises.ShiftAsync(id, s2.Id, 5, "animatrice")).Problem!.Kind);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await exercises.DeliverDueAsync());
        Assert.True((await exercises.FinishAsync(id, "animatrice")).IsOk);

        var journal = await s.Journal.ListAsync(id, new JournalQuery(Kind: JournalKind.Stimulus));
        Assert.Equal(["S1", "S2"], journal.Select(e => e.Text.Split(' ')[2]));
        Assert.All(journal, e => Assert.DoesNotContain("PUBLIC-NOTE", e.Text, StringComparison.Ordinal));
        Assert.All(journal, e => Assert.DoesNotContain("DIRECTEUR-SEULEMENT", e.Text, StringComparison.Ordinal));
        Assert.True((await s.Journal.VerifyAsync(id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Inbox_PlayersSeeOnlyWhatIsAddressedToThem_NeverNotesOrExpectations(DatabaseKind kind)
    {
        var (s, exercises, time, id) = await ImportedAsync(kind);
        await using var _s = s;
        await s.Accounts.CreateUserAsync("dir", "Mme Directrice", UserRole.Directeur, "correct horse battery staple", "test");
        await s.Accounts.CreateUserAsync("com", "M. Com", UserRole.Membre, "correct horse battery staple", "test");
        Assert.True((await exercises.SetParticipantAsync(id, "dir", ["directeur_crise"], "animatrice")).IsOk);
        Assert.Equal(ProblemKind.Invalid, (await exercises.SetParticipantAsync(id, "dir", ["astronaute"], "animatrice")).Problem!.Kind);
        await exercises.StartAsync(id, 60, "animatrice");
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await exercises.DeliverDueAsync()).Count);

        var director = new ExerciseViewer("dir", "Mme Directrice", UserRole.Directeur);
        var member = new ExerciseViewer("com", "M. Com", UserRole.Membre);
        Assert.Equal(["S2", "S1"], (await exercises.InboxAsync(id, director))!.Select(x => x.Number));
        Assert.Equal(["S1"], (await exercises.InboxAsync(id, member))!.Select(x => x.Number));
        Assert.Null(await exercises.ReceivedAsync(id, (await exercises.ListStimuliAsync(id)).Single(x => x.Number == "S2").Id, member));

        // The role held in the exercise's cell counts too.
        Assert.True((await s.Cell.AssignAsync(id, "communication", "M. Com", "dir")).IsOk);
        Assert.Equal(["S3", "S1"], (await exercises.InboxAsync(id, member))!.Select(x => x.Number));

        // The card type has no field for hidden parts; serialised, nothing hidden shows.
        var json = System.Text.Json.JsonSerializer.Serialize(await exercises.InboxAsync(id, director));
        Assert.DoesNotContain("SECRET", json, StringComparison.Ordinal);
        Assert.DoesNotContain("COMMUNICATION-SEULEMENT", json, StringComparison.Ordinal);

        // Observers see every played stimulus; a real incident has no inbox.
        Assert.Equal(3, (await exercises.InboxAsync(id, new ExerciseViewer("ars", "ARS", UserRole.Observateur)))!.Count);
        Assert.Null(await exercises.InboxAsync((await s.NewIncidentAsync()).Id, director));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Answers_AreLinkedJournalEntries_WithTheirReactionTime_AndFeedTheReport(DatabaseKind kind)
    {
        var (s, exercises, time, id) = await ImportedAsync(kind);
        await using var _s = s;
        await s.Accounts.CreateUserAsync("dir", null, UserRole.Directeur, "correct horse battery staple", "test");
        await exercises.SetParticipantAsync(id, "dir", ["directeur_crise"], "animatrice");
        await exercises.StartAsync(id, 10, "animatrice");
        time.Advance(TimeSpan.FromMinutes(1));
        await exercises.DeliverDueAsync();
        var s2 = (await exercises.ListStimuliAsync(id)).Single(x => x.Number == "S2");
        var director = new ExerciseViewer("dir", "dir", UserRole.Directeur);

        // Three real seconds at ×10: a reaction time of 30 seconds of exercise time.
        time.Advance(TimeSpan.FromSeconds(3));
        var answer = await exercises.AnswerAsync(id, s2.Id, director, JournalKind.Decision, "Délestage des urgences, réévaluation à 12 h.");
        Assert.True(answer.IsOk, answer.Problem?.Message);
        Assert.Equal(new JournalLink("stimulus", s2.Id.ToString(CultureInfo.InvariantCulture)), answer.Value.Link);
        Assert.Equal(ProblemKind.Invalid, (await exercises.AnswerAsync(id, s2.Id, director, JournalKind.Stimulus, "x")).Problem!.Kind);

        time.Advance(TimeSpan.FromSeconds(1));
        var action = (await s.Actions.CreateAsync(id, new Actions.NewAction("Prévenir le SAMU", "dir", null), "dir")).Value;
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True((await exercises.LinkAsync(id, s2.Id, director, ExerciseService.ReactionAction, action.Id)).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await exercises.LinkAsync(id, s2.Id, director, ExerciseService.ReactionAction, action.Id)).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await exercises.LinkAsync(id, s2.Id, director, ExerciseService.ReactionJournal, 999)).Problem!.Kind);

        var reactions = (await exercises.ReactionsAsync(id))[s2.Id];
        Assert.Equal([ExerciseService.ReactionJournal, ExerciseService.ReactionAction], reactions.Select(r => r.Kind));
        Assert.Equal(TimeSpan.FromSeconds(30), reactions[0].ReactionTime);

        // The observer rates the expectation with the answer as evidence.
        var observed = await exercises.ObserveAsync(id, new NewObservation(null, "A1", "Délestage décidé vite", ObservationRating.Acquis, EvidenceSeq: answer.Value.Seq), "ars");
        Assert.True(observed.IsOk, observed.Problem?.Message);
        Assert.Equal("O1", observed.Value.ObjectiveKey);
        Assert.Equal(ProblemKind.Invalid, (await exercises.ObserveAsync(id, new NewObservation(null, "A1", "x", ObservationRating.Acquis, EvidenceSeq: 999), "ars")).Problem!.Kind);
        Assert.True((await exercises.DebriefAsync(id, DebriefFunction.Direction, "Décision rapide", "Prévenir le SAMU plus tôt", "animatrice")).IsOk);
        await exercises.FinishAsync(id, "animatrice");

        var report = (await s.Get<ExerciseReportBuilder>().BuildAsync(id, CultureInfo.GetCultureInfo("fr-FR"), "animatrice"))!;
        var timeline = report.Sections.Single(x => x.Key == "timeline").Blocks.OfType<Vigie.CommandPost.Reports.ReportTable>().Single();
        var row = timeline.Rows.Single(r => r.Cells[0] == "S2");
        Assert.Equal("30 s", row.Cells[^1]);
        Assert.Contains("Délestage des urgences", row.Cells[^2], StringComparison.Ordinal);
        Assert.Contains(timeline.Rows, r => r.Cells[0] == "S3" && r.Cells[3].StartsWith("non joué", StringComparison.Ordinal));
        var expectations = report.Sections.Single(x => x.Key == "expectations").Blocks.OfType<Vigie.CommandPost.Reports.ReportTable>().Single();
        Assert.Contains(expectations.Rows, r => r.Cells[0] == "A1" && r.Cells[4] == "acquis" && r.Cells[5] == $"journal n° {answer.Value.Seq}");
        Assert.Contains("Décision rapide", string.Join(" ", report.Sections.Single(x => x.Key == "debrief").Blocks.OfType<Vigie.CommandPost.Reports.ReportTable>().Single().Rows.SelectMany(r => r.Cells)));
        var pdf = Vigie.CommandPost.Reports.Pdf.ReportPdfWriter.Render(report);
        Assert.True(pdf.Length > 1000);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ActionPlan_ReachesARealIncident_OnlyWhenSentOnPurpose(DatabaseKind kind)
    {
        var (s, exercises, _, id) = await ImportedAsync(kind);
        await using var _s = s;
        var real = await s.NewIncidentAsync("Incident réel");
        var remediation = s.Get<RemediationService>();
        var item = (await exercises.AddActionAsync(id, new NewActionPlanItem("Double authentification des prestataires", CareDomain.AccesDistants, "DSI"), "animatrice")).Value;
        Assert.Empty(await remediation.ListAsync(new RemediationQuery(IncidentId: real.Id)));
        Assert.Empty(await remediation.ListAsync(new RemediationQuery(IncidentId: id)));

        Assert.Equal(ProblemKind.Invalid, (await exercises.SendActionAsync(id, item.Id, id, "animatrice")).Problem!.Kind);
        var sent = await exercises.SendActionAsync(id, item.Id, real.Id, "animatrice");
        Assert.True(sent.IsOk, sent.Problem?.Message);
        var measure = Assert.Single(await remediation.ListAsync(new RemediationQuery(IncidentId: real.Id)));
        Assert.Equal(("Double authentification des prestataires", measure.Id), (measure.Title, sent.Value.SentMeasureId!.Value));
        Assert.Equal(ProblemKind.Conflict, (await exercises.SendActionAsync(id, item.Id, real.Id, "animatrice")).Problem!.Kind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task RealIncidents_AreNeverTouched_ByExerciseOperations(DatabaseKind kind)
    {
        var (s, exercises, time, id) = await ImportedAsync(kind);
        await using var _s = s;
        var real = await s.NewIncidentAsync("Incident réel");
        var head = real.JournalHead;
        Assert.Equal(ProblemKind.NotFound, (await exercises.StartAsync(real.Id, 1, "x")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await exercises.AddAsync(real.Id, new NewStimulus(StimulusChannel.Mail, "x", ["tous"], null, "y"), "x")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await exercises.ObserveAsync(real.Id, new NewObservation("O1", null, "x", ObservationRating.Acquis), "x")).Problem!.Kind);
        await exercises.StartAsync(id, 60, "animatrice");
        time.Advance(TimeSpan.FromHours(2));
        await exercises.DeliverDueAsync();
        Assert.Equal(head, (await s.Incidents.GetAsync(real.Id))!.JournalHead);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task TechnicalStimulus_RunsTheHunt_FindingsLandInTheExercise(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind, new FakeTimeProvider(s_start));
        var exercises = s.Get<ExerciseService>();
        var imported = (await exercises.ImportBuiltInAsync("nuit-noire-marais-blancs", "animatrice")).Value;
        var id = imported.IncidentId!.Value;
        var technical = (await exercises.ListStimuliAsync(id)).Single(x => x.ArtifactName is not null);
        await exercises.StartAsync(id, 1, "animatrice");
        Assert.True((await exercises.PlayNowAsync(id, technical.Id, "animatrice")).IsOk);

        var count = await exercises.HuntAsync(id, technical.Id);
        Assert.True(count >= 5, $"the hunt found {count} detections");
        var findings = (await s.Findings.ListAsync(id, new FindingFilter(), null, 100)).Value;
        Assert.Contains(findings.Items, f => f.RuleTitle.StartsWith("Shadow copies deleted", StringComparison.Ordinal));
        Assert.Contains(findings.Items, f => f.RuleTitle.StartsWith("Remote execution service", StringComparison.Ordinal));
        Assert.Equal(count, (await exercises.GetStimulusAsync(id, technical.Id))!.Findings);
        Assert.Equal(count, await exercises.HuntAsync(id, technical.Id));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Export_OfAPlayedExercise_IsReimportable(DatabaseKind kind)
    {
        var (s, exercises, time, id) = await ImportedAsync(kind);
        await using var _s = s;
        await exercises.StartAsync(id, 60, "animatrice");
        time.Advance(TimeSpan.FromSeconds(30));
        await exercises.DeliverDueAsync();
        Assert.True((await exercises.AddAsync(id, new NewStimulus(StimulusChannel.Sms, "DG", ["directeur_crise"], null, "Ajouté en cours de jeu"), "animatrice")).IsOk);
        await exercises.ObserveAsync(id, new NewObservation("O1", null, "Vu", ObservationRating.PartiellementAcquis), "ars");

        var yaml = (await exercises.ExportAsync(id, played: true))!;
        Assert.Contains("played:", yaml, StringComparison.Ordinal);
        Assert.Contains("partiellement_acquis", yaml, StringComparison.Ordinal);
        var again = await exercises.ImportAsync(Encoding.UTF8.GetBytes(yaml), "export.yaml", new ExerciseImportOptions(), "animatrice");
        Assert.True(again.Imported, string.Join("; ", again.Read.Errors.Select(e => $"{e.Line}: {e.Message}")));
        var copy = await exercises.ListStimuliAsync(again.IncidentId!.Value);
        Assert.Equal(["S1", "S2", "S3", "X1"], copy.OrderBy(x => x.Offset).ThenBy(x => x.Sort).Select(x => x.Number));
        Assert.All(copy, x => Assert.Equal(StimulusStatus.Prevu, x.Status));
        Assert.Equal("SECRET-NOTE-ANIMATION-1", copy.Single(x => x.Number == "S1").Notes);
        Assert.Contains(await exercises.ExpectationsAsync(again.IncidentId.Value), e => e.Key == "A1");
    }
}
