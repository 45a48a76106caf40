using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>Deadlines of an incident on both databases: answers, start events, sending, drafts and reminders, each journaled.</summary>
public sealed class DeadlineServiceTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Answer_ChangesApplicability_AndJournalsIt(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await p.NewIncidentAsync();

        var board = await p.Deadlines.GetBoardAsync(incident.Id);
        Assert.Equal(Applicability.ToConfirm, board!.Deadline("cnil")!.Applicability);
        Assert.Equal(DeadlineStatus.SansDelai, board.Deadline("ars_cert_sante")!.Status);

        var answered = await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Non, "alice");
        Assert.True(answered.IsOk, answered.Problem?.Message);
        Assert.Equal(DeadlineStatus.NonApplicable, answered.Value.Deadline("nis2_early_warning")!.Status);
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(("deadline_question", "nis2_entity", "alice", JournalKind.Decision), (entry.Link!.Type, entry.Link.Id, entry.Author, entry.Kind));
        Assert.Contains("NIS2", entry.Text, StringComparison.Ordinal);
        Assert.Contains("Alerte précoce (incident important)\u202F: non applicable", entry.Text, StringComparison.Ordinal);

        Assert.Equal(ProblemKind.Conflict, (await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Non, "alice")).Problem!.Kind);
        var changed = await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Oui, "bob");
        Assert.Equal(Applicability.Applicable, changed.Value.Deadline("nis2_notification")!.Applicability);
        var board2 = await p.Deadlines.GetBoardAsync(incident.Id);
        Assert.Equal(("bob", ApplicabilityAnswer.Oui), (board2!.Questions.Single(q => q.Question.Id == "nis2_entity").AnsweredBy, board2.Questions.Single(q => q.Question.Id == "nis2_entity").Answer));
        Assert.Equal(ProblemKind.NotFound, (await p.Deadlines.AnswerAsync(incident.Id, "weather", ApplicabilityAnswer.Oui, "bob")).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await p.Deadlines.AnswerAsync(999, "nis2_entity", ApplicabilityAnswer.Oui, "bob")).Problem!.Kind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SetEvent_StartsTheCnilClock_AndRefusesAutomaticEventsAndTheFuture(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(6));
        var incident = await p.NewIncidentAsync();
        await p.Deadlines.AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.Oui, "alice");
        var aware = PostIncident.Detected.AddHours(4); // 06:00 Paris

        var set = await p.Deadlines.SetEventAsync(incident.Id, "breach_awareness", aware, "alice");

        Assert.True(set.IsOk, set.Problem?.Message);
        Assert.Equal(aware.AddHours(72), set.Value.Deadline("cnil")!.DueAt);
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(aware, entry.OccurredAt);
        Assert.Contains("11/02/2024 06:00 (heure de Paris)", entry.Text, StringComparison.Ordinal);
        Assert.Contains("14/02/2024 06:00", entry.Text, StringComparison.Ordinal);

        Assert.Equal("eventId", (await p.Deadlines.SetEventAsync(incident.Id, "detection", aware, "alice")).Problem!.Field);
        Assert.Equal("at", (await p.Deadlines.SetEventAsync(incident.Id, "breach_awareness", p.Clock.GetUtcNow().AddHours(1), "alice")).Problem!.Field);
        var corrected = await p.Deadlines.SetEventAsync(incident.Id, "breach_awareness", aware.AddHours(1), "bob");
        Assert.Equal(aware.AddHours(73), corrected.Value.Deadline("cnil")!.DueAt);
        Assert.Contains("corrigé", (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single().Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task MarkSent_RecordsWhenWhoAndReference_SaysIfOnTime_AndStartsTheFinalReport(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(80));
        var incident = await p.NewIncidentAsync();
        await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Oui, "alice");

        var late = await p.Deadlines.MarkSentAsync(incident.Id, "complaint", PostIncident.Detected.AddHours(75), "PV 2024/118", "alice");
        Assert.True(late.IsOk, late.Problem?.Message);
        Assert.Equal(DeadlineStatus.EnvoyeeEnRetard, late.Value.Deadline("complaint")!.Status);
        var lateEntry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Contains("HORS DÉLAI de 3 h 00", lateEntry.Text, StringComparison.Ordinal);
        Assert.Contains("PV 2024/118", lateEntry.Text, StringComparison.Ordinal);
        Assert.Equal((JournalKind.Communication, "deadline", "complaint"), (lateEntry.Kind, lateEntry.Link!.Type, lateEntry.Link.Id));

        var notified = await p.Deadlines.MarkSentAsync(incident.Id, "nis2_notification", PostIncident.Detected.AddHours(70), "CERT-FR 4711", "alice");
        var sent = notified.Value.Deadline("nis2_notification")!;
        Assert.Equal((DeadlineStatus.Envoyee, "alice", "CERT-FR 4711"), (sent.Status, sent.Sent!.SentBy, sent.Sent.Reference));
        Assert.Equal(PostIncident.Detected.AddHours(72), sent.Sent.DueAt);
        Assert.Equal(PostIncident.Detected.AddHours(70).AddMonths(1), notified.Value.Deadline("nis2_final_report")!.DueAt);
        Assert.Contains("Démarre\u202F: Rapport final", (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single().Text, StringComparison.Ordinal);

        Assert.Equal(ProblemKind.Conflict, (await p.Deadlines.MarkSentAsync(incident.Id, "complaint", null, "again", "alice")).Problem!.Kind);
        Assert.Equal("reference", (await p.Deadlines.MarkSentAsync(incident.Id, "cnil", null, " ", "alice")).Problem!.Field);
        Assert.Equal("sentAt", (await p.Deadlines.MarkSentAsync(incident.Id, "cnil", PostIncident.Detected.AddHours(-1), "x", "alice")).Problem!.Field);
        Assert.Equal("sentAt", (await p.Deadlines.MarkSentAsync(incident.Id, "cnil", p.Clock.GetUtcNow().AddHours(1), "x", "alice")).Problem!.Field);

        var cancelled = await p.Deadlines.CancelSentAsync(incident.Id, "complaint", "saisi sur le mauvais incident", "bob");
        Assert.Equal(DeadlineStatus.Depassee, cancelled.Value.Deadline("complaint")!.Status);
        Assert.Equal(ProblemKind.NotFound, (await p.Deadlines.CancelSentAsync(incident.Id, "complaint", "encore", "bob")).Problem!.Kind);
        Assert.True((await p.Core.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Drafts_ArePrefilledInFrench_VersionsAreKept_AndTheFinalTextIsJournaled(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(3));
        var incident = await p.NewIncidentAsync();
        await p.Core.Actions.CreateAsync(incident.Id, new Vigie.CommandPost.Actions.NewAction("Couper les liens VPN", "DSI", null), "alice");
        await p.Core.Cell.AssignAsync(incident.Id, "directeur_crise", "Marie Curie", "alice");
        await p.Core.Directory.SaveAsync(null, new Vigie.CommandPost.CrisisCell.DirectoryEntryInput("Marie Curie", "Directrice", null, "03 20 00 00 00", null, null, null), "alice");
        await p.Core.Journal.AppendAsync(incident.Id, "alice", new NewJournalEntry(JournalKind.Decision, "Fermeture des urgences pour 24 h."));
        await p.Deadlines.AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.Oui, "alice");

        var prefilled = await p.Deadlines.GetDraftAsync(incident.Id, "ars_cert_sante");

        Assert.True(prefilled.Value.Prefilled);
        var text = prefilled.Value.Text;
        Assert.Contains("Établissement\u202F: CH d'Armentières", text, StringComparison.Ordinal);
        Assert.Contains("11/02/2024 02:00 (heure de Paris)", text, StringComparison.Ordinal);
        Assert.Contains("- Couper les liens VPN (prévu, DSI)", text, StringComparison.Ordinal);
        Assert.Contains(": Fermeture des urgences pour 24 h.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Échéances —", text, StringComparison.Ordinal); // the system's own entries are not "measures"
        Assert.Contains("Marie Curie, directeur de crise, 03 20 00 00 00", text, StringComparison.Ordinal);
        Assert.Contains("[à compléter\u202F: services de soins", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);

        var saved = await p.Deadlines.SaveDraftAsync(incident.Id, "ars_cert_sante", text + "Complément.", final: false, "alice");
        Assert.Equal((1, false, (long?)null), (saved.Value.Version, saved.Value.Final, saved.Value.JournalSeq));
        Assert.Equal(ProblemKind.Conflict, (await p.Deadlines.SaveDraftAsync(incident.Id, "ars_cert_sante", text + "Complément.", final: false, "alice")).Problem!.Kind);
        var final = await p.Deadlines.SaveDraftAsync(incident.Id, "ars_cert_sante", text + "Complément.", final: true, "bob");
        Assert.Equal((2, true), (final.Value.Version, final.Value.Final));
        var entry = await p.Core.Journal.GetAsync(incident.Id, final.Value.JournalSeq!.Value);
        Assert.StartsWith("Texte définitif de la notification «\u202FDéclaration de l'incident", entry!.Text, StringComparison.Ordinal);
        Assert.Contains("Complément.", entry.Text, StringComparison.Ordinal);

        var latest = await p.Deadlines.GetDraftAsync(incident.Id, "ars_cert_sante");
        Assert.Equal(2, latest.Value.Version);
        Assert.Equal([2, 1], (await p.Deadlines.DraftHistoryAsync(incident.Id, "ars_cert_sante")).Select(d => d.Version));
        var marked = await p.Deadlines.MarkSentAsync(incident.Id, "ars_cert_sante", null, "ARS-59-001", "bob");
        Assert.Equal(2, marked.Value.Deadline("ars_cert_sante")!.Sent!.DraftVersion);

        Assert.Equal("text", (await p.Deadlines.SaveDraftAsync(incident.Id, "cnil", new string('x', DeadlineDraft.MaxLength + 1), final: true, "bob")).Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, (await p.Deadlines.GetDraftAsync(incident.Id, "nope")).Problem!.Kind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Reminders_AreWrittenOnceWhenDue_OnlyTheLatest_AndNotOnceSent(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddMinutes(10));
        var incident = await p.NewIncidentAsync();
        await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Non, "alice");
        async Task<List<JournalEntry>> Reminders() => (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(Kind: JournalKind.Note)))
            .Where(e => e.Author == DeadlineService.SystemAuthor).ToList();

        Assert.Equal(0, await p.Deadlines.EmitRemindersAsync());

        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(48)); // complaint: 24 h left
        Assert.Equal(1, await p.Deadlines.EmitRemindersAsync());
        Assert.Equal(0, await p.Deadlines.EmitRemindersAsync());
        var first = Assert.Single(await Reminders());
        Assert.Equal("Rappel d'échéance\u202F: Dépôt de plainte (Police ou gendarmerie (ou procureur de la République)) — reste 1 j 0 h, échéance le 14/02/2024 02:00 (heure de Paris).", first.Text);
        Assert.Equal(("deadline", "complaint"), (first.Link!.Type, first.Link.Id));

        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(73)); // the 6 h reminder was never written (server off): only "overdue" now
        Assert.Equal(1, await p.Deadlines.EmitRemindersAsync());
        var all = await Reminders();
        Assert.Equal(2, all.Count);
        Assert.StartsWith("Échéance dépassée\u202F: Dépôt de plainte", all[1].Text, StringComparison.Ordinal);
        Assert.Equal(DeadlineStatus.Depassee, (await p.Deadlines.GetBoardAsync(incident.Id))!.Deadline("complaint")!.Status);

        p.Clock.SetUtcNow(PostIncident.Detected.AddDays(5)); // more than a day after the last reminder point: not written late
        Assert.Equal(0, await p.Deadlines.EmitRemindersAsync());
        Assert.True((await p.Core.Journal.VerifyAsync(incident.Id))!.Valid);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Reminders_ForASentNotification_AreNotWritten(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(1));
        var incident = await p.NewIncidentAsync();
        await p.Deadlines.MarkSentAsync(incident.Id, "complaint", null, "PV-1", "alice");
        await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Non, "alice");

        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(60));

        Assert.Equal(0, await p.Deadlines.EmitRemindersAsync());
    }
}
