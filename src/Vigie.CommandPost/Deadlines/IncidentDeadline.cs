namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// One rule as it stands for one incident: applicability, start, due time, amber threshold, status, sending, reminders.
/// <paramref name="StartAssumed"/>: the start event is set by hand and was not given yet, but the cell said the rule may
/// apply, so the clock counts from the detection meanwhile (the CNIL's 72 h: never silently waiting).
/// </summary>
public sealed record IncidentDeadline(
    DeadlineRule Rule,
    Applicability Applicability,
    DateTimeOffset? StartAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? AmberAt,
    DeadlineStatus Status,
    SentNotification? Sent,
    IReadOnlyList<ReminderPoint> Reminders,
    bool StartAssumed = false)
{
    /// <summary>Time left before the deadline (negative once past); null without a due time.</summary>
    public TimeSpan? Left(DateTimeOffset now) => DueAt is { } due ? due - now : null;

    /// <summary>For a "without delay" notification that was sent: how long after its start event.</summary>
    public TimeSpan? SentAfterStart => Sent is { } sent && Rule.WithoutDelay && StartAt is { } start ? sent.SentAt - start : null;

    /// <summary>Whether it is still owed: applicable or to confirm, not sent.</summary>
    public bool IsOpen => Sent is null && Applicability != Applicability.NotApplicable;

    /// <summary>The latest reminder reached at <paramref name="now"/>, while the notification is still owed.</summary>
    public ReminderPoint? CurrentReminder(DateTimeOffset now) => IsOpen ? Reminders.LastOrDefault(r => r.At <= now) : null;
}
