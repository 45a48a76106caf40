using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>Statuses (green, amber at the first reminder, red when past), applicability, start events and reminders of the shipped rules.</summary>
public sealed class DeadlineEvaluatorTests
{
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DeadlineCatalog s_catalog = DeadlineCatalogReader.Shipped();
    private static readonly DateTimeOffset s_detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero); // Sunday 02:00 in Paris

    private static Dictionary<string, ApplicabilityAnswer> Answers(params (string Id, ApplicabilityAnswer Answer)[] answers) =>
        answers.ToDictionary(a => a.Id, a => a.Answer);

    private static IncidentDeadline Evaluate(string id, DateTimeOffset now, Dictionary<string, ApplicabilityAnswer>? answers = null,
        Dictionary<string, DateTimeOffset>? manual = null, Dictionary<string, SentNotification>? sent = null) =>
        DeadlineEvaluator.Evaluate(s_catalog, s_detected, answers ?? [], manual ?? [], sent ?? [], now, s_paris).Single(d => d.Rule.Id == id);

    private static SentNotification Sent(string id, DateTimeOffset at) => new(id, id, "x", at, "alice", "REF-1", null, at, null, 1);

    [Fact]
    public void Shipped_HasTheLegalTable()
    {
        Assert.Equal(["ars_cert_sante", "cnil", "patients", "nis2_early_warning", "nis2_notification", "nis2_final_report", "complaint"], s_catalog.Rules.Select(r => r.Id));
        Assert.Equal("72h", s_catalog.Rule("cnil")!.Offset.ToString());
        Assert.Equal("breach_awareness", s_catalog.Rule("cnil")!.StartEventId);
        Assert.Equal("24h", s_catalog.Rule("nis2_early_warning")!.Offset.ToString());
        Assert.Equal("1 month", s_catalog.Rule("nis2_final_report")!.Offset.ToString());
        Assert.True(s_catalog.Rule("ars_cert_sante")!.WithoutDelay);
        Assert.Equal(["24h", "6h"], s_catalog.Rule("complaint")!.Reminders.Select(r => r.ToString()));
    }

    [Fact]
    public void Complaint_IsGreen_ThenAmberAtTheFirstReminder_ThenRed()
    {
        var due = s_detected.AddHours(72);

        Assert.Equal(DeadlineStatus.AVenir, Evaluate("complaint", s_detected.AddHours(47)).Status);
        var amber = Evaluate("complaint", s_detected.AddHours(48));
        Assert.Equal(DeadlineStatus.Proche, amber.Status);
        Assert.Equal(due.AddHours(-24), amber.AmberAt);
        Assert.Equal(TimeSpan.FromHours(24), amber.Left(s_detected.AddHours(48)));
        Assert.Equal(DeadlineStatus.Depassee, Evaluate("complaint", due).Status);
        Assert.Equal(due, Evaluate("complaint", due).DueAt);
    }

    [Fact]
    public void WithoutDelay_IsOwedAtOnce_AndOnceSentSaysHowLongAfter_NeverOnTime()
    {
        Assert.Equal(DeadlineStatus.SansDelai, Evaluate("ars_cert_sante", s_detected).Status);
        Assert.Equal(DeadlineStatus.SansDelai, Evaluate("ars_cert_sante", s_detected.AddMinutes(1)).Status);
        Assert.Empty(Evaluate("ars_cert_sante", s_detected).Reminders);
        var sent = Evaluate("ars_cert_sante", s_detected.AddDays(2), sent: new() { ["ars_cert_sante"] = Sent("ars_cert_sante", s_detected.AddHours(21)) });
        Assert.Equal(DeadlineStatus.EnvoyeeApres, sent.Status);
        Assert.NotEqual(DeadlineStatus.Envoyee, sent.Status);
        Assert.Equal(TimeSpan.FromHours(21), sent.SentAfterStart);
        Assert.False(sent.IsOpen);
    }

    [Fact]
    public void Cnil_OncePersonalDataMayBeInvolved_CountsFromDetectionUntilAwarenessIsGiven()
    {
        var now = s_detected.AddHours(5);
        foreach (var answer in new[] { ApplicabilityAnswer.Oui, ApplicabilityAnswer.NeSaitPas })
        {
            var assumed = Evaluate("cnil", now, Answers(("personal_data", answer)));
            Assert.True(assumed.StartAssumed);
            Assert.Equal(s_detected, assumed.StartAt);
            Assert.Equal(s_detected.AddHours(72), assumed.DueAt);
            Assert.Equal(DeadlineStatus.AVenir, assumed.Status);
            Assert.Equal(DeadlineStatus.Proche, Evaluate("cnil", s_detected.AddHours(49), Answers(("personal_data", answer))).Status);
        }

        var aware = s_detected.AddHours(3);
        var given = Evaluate("cnil", now, Answers(("personal_data", ApplicabilityAnswer.Oui)), new() { ["breach_awareness"] = aware });
        Assert.False(given.StartAssumed);
        Assert.Equal(aware.AddHours(72), given.DueAt);

        // Unanswered, or answered no: nothing counts (the question is on the board).
        Assert.False(Evaluate("cnil", now).StartAssumed);
        Assert.Null(Evaluate("cnil", now, Answers(("personal_data", ApplicabilityAnswer.Non))).DueAt);

        // Informing the patients waits for both questions, then is owed at once from the detection.
        Assert.False(Evaluate("patients", now, Answers(("personal_data", ApplicabilityAnswer.Oui))).StartAssumed);
        var patients = Evaluate("patients", now, Answers(("personal_data", ApplicabilityAnswer.Oui), ("high_risk", ApplicabilityAnswer.Oui)));
        Assert.Equal((true, DeadlineStatus.SansDelai), (patients.StartAssumed, patients.Status));
    }

    [Fact]
    public void Cnil_WaitsForAwareness_IsToConfirmUntilAnswered_AndNotApplicableWhenNo()
    {
        var now = s_detected.AddHours(5);
        var waiting = Evaluate("cnil", now);
        Assert.Equal((Applicability.ToConfirm, DeadlineStatus.EnAttente), (waiting.Applicability, waiting.Status));
        Assert.Null(waiting.DueAt);

        var aware = s_detected.AddHours(3);
        var started = Evaluate("cnil", now, Answers(("personal_data", ApplicabilityAnswer.Oui)), new() { ["breach_awareness"] = aware });
        Assert.Equal((Applicability.Applicable, DeadlineStatus.AVenir), (started.Applicability, started.Status));
        Assert.Equal(aware.AddHours(72), started.DueAt);

        var no = Evaluate("cnil", now, Answers(("personal_data", ApplicabilityAnswer.Non)), new() { ["breach_awareness"] = aware });
        Assert.Equal((Applicability.NotApplicable, DeadlineStatus.NonApplicable), (no.Applicability, no.Status));
        Assert.False(no.IsOpen);
    }

    [Fact]
    public void Patients_NeedsBothQuestions()
    {
        var oneYes = Evaluate("patients", s_detected, Answers(("personal_data", ApplicabilityAnswer.Oui), ("high_risk", ApplicabilityAnswer.NeSaitPas)));
        Assert.Equal(Applicability.ToConfirm, oneYes.Applicability);
        var oneNo = Evaluate("patients", s_detected, Answers(("personal_data", ApplicabilityAnswer.Oui), ("high_risk", ApplicabilityAnswer.Non)));
        Assert.Equal(Applicability.NotApplicable, oneNo.Applicability);
    }

    [Fact]
    public void FinalReport_StartsWhenTheNotificationIsSent_OneCalendarMonthLater()
    {
        Assert.Equal(DeadlineStatus.EnAttente, Evaluate("nis2_final_report", s_detected.AddHours(10)).Status);
        var notified = new DateTimeOffset(2024, 2, 13, 15, 0, 0, TimeSpan.Zero); // 16:00 Paris
        var report = Evaluate("nis2_final_report", notified.AddDays(1), sent: new() { ["nis2_notification"] = Sent("nis2_notification", notified) });
        Assert.Equal(new DateTimeOffset(2024, 3, 13, 15, 0, 0, TimeSpan.Zero), report.DueAt);
        Assert.Equal(DeadlineStatus.AVenir, report.Status);
    }

    [Fact]
    public void SentAfterTheDeadline_IsLate()
    {
        var late = Evaluate("complaint", s_detected.AddDays(5), sent: new() { ["complaint"] = Sent("complaint", s_detected.AddHours(73)) });
        Assert.Equal(DeadlineStatus.EnvoyeeEnRetard, late.Status);
        var onTime = Evaluate("complaint", s_detected.AddDays(5), sent: new() { ["complaint"] = Sent("complaint", s_detected.AddHours(71)) });
        Assert.Equal(DeadlineStatus.Envoyee, onTime.Status);
        Assert.Null(onTime.CurrentReminder(s_detected.AddDays(5)));
    }

    [Fact]
    public void CurrentReminder_IsTheLatestReached()
    {
        var complaint = Evaluate("complaint", s_detected);
        Assert.Equal(["24h", "6h", ReminderPoint.DeadlineKey], complaint.Reminders.Select(r => r.Key));
        Assert.Null(complaint.CurrentReminder(s_detected.AddHours(47)));
        Assert.Equal("24h", complaint.CurrentReminder(s_detected.AddHours(48))!.Key);
        Assert.Equal("6h", complaint.CurrentReminder(s_detected.AddHours(66))!.Key);
        Assert.Equal(ReminderPoint.DeadlineKey, complaint.CurrentReminder(s_detected.AddHours(80))!.Key);
    }
}
