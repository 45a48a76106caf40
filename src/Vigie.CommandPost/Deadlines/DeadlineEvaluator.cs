namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Pure computation of an incident's deadlines from the rules, the answers, the start events and what was sent.
/// Elapsed delays are added in UTC; calendar delays in <paramref name="zone"/> (see <see cref="DeadlineOffset"/>).
/// </summary>
public static class DeadlineEvaluator
{
    public static IReadOnlyList<IncidentDeadline> Evaluate(
        DeadlineCatalog catalog,
        DateTimeOffset detectedAt,
        IReadOnlyDictionary<string, ApplicabilityAnswer> answers,
        IReadOnlyDictionary<string, DateTimeOffset> manualEvents,
        IReadOnlyDictionary<string, SentNotification> sent,
        DateTimeOffset now,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(manualEvents);
        ArgumentNullException.ThrowIfNull(sent);
        var result = new List<IncidentDeadline>(catalog.Rules.Count);
        foreach (var rule in catalog.Rules)
        {
            var applicability = ApplicabilityOf(rule, answers);
            var start = EventTime(catalog, rule.StartEventId, detectedAt, manualEvents, sent);
            var assumed = start is null && AssumeDetection(catalog, rule, answers);
            sent.TryGetValue(rule.Id, out var notification);
            result.Add(Evaluate(rule, applicability, assumed ? detectedAt : start, notification, now, zone, assumed));
        }

        return result;
    }

    public static IncidentDeadline Evaluate(DeadlineRule rule, Applicability applicability, DateTimeOffset? start, SentNotification? sent, DateTimeOffset now, TimeZoneInfo zone,
        bool startAssumed = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        DateTimeOffset? due = start is { } s ? rule.Offset.After(s, zone) : null;
        var reminders = new List<ReminderPoint>();
        if (due is { } d && !rule.WithoutDelay)
        {
            reminders.AddRange(rule.Reminders.Select(lead => new ReminderPoint(lead.ToString(), lead, lead.Before(d, zone))).OrderBy(r => r.At));
            reminders.Add(new ReminderPoint(ReminderPoint.DeadlineKey, null, d));
        }

        DateTimeOffset? amber = reminders.Count > 1 ? reminders[0].At : null;
        var status = sent is not null
            ? (rule.WithoutDelay && due is not null ? DeadlineStatus.EnvoyeeApres : due is null || sent.SentAt <= due ? DeadlineStatus.Envoyee : DeadlineStatus.EnvoyeeEnRetard)
            : applicability == Applicability.NotApplicable ? DeadlineStatus.NonApplicable
            : due is null ? DeadlineStatus.EnAttente
            : rule.WithoutDelay ? DeadlineStatus.SansDelai
            : now >= due ? DeadlineStatus.Depassee
            : amber is { } a && now >= a ? DeadlineStatus.Proche
            : DeadlineStatus.AVenir;
        return new IncidentDeadline(rule, applicability, start, due, amber, status, sent, reminders, startAssumed);
    }

    /// <summary>
    /// Whether a rule whose start event is set by hand, and not set yet, counts from the detection meanwhile: once
    /// every question it depends on is answered yes or "don't know" (personal data may be involved), the clock must
    /// run; the board says it counts from the detection until the time is given.
    /// </summary>
    public static bool AssumeDetection(DeadlineCatalog catalog, DeadlineRule rule, IReadOnlyDictionary<string, ApplicabilityAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(answers);
        if (catalog.Event(rule.StartEventId) is not { Kind: StartEventKind.Manual })
        {
            return false;
        }

        foreach (var question in rule.AppliesWhen)
        {
            if (!answers.TryGetValue(question, out var answer) || answer == ApplicabilityAnswer.Non)
            {
                return false;
            }
        }

        return true;
    }

    public static Applicability ApplicabilityOf(DeadlineRule rule, IReadOnlyDictionary<string, ApplicabilityAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(answers);
        var result = Applicability.Applicable;
        foreach (var question in rule.AppliesWhen)
        {
            if (!answers.TryGetValue(question, out var answer) || answer == ApplicabilityAnswer.NeSaitPas)
            {
                result = Applicability.ToConfirm;
            }
            else if (answer == ApplicabilityAnswer.Non)
            {
                return Applicability.NotApplicable;
            }
        }

        return result;
    }

    /// <summary>When a start event happened for this incident, or null while it has not.</summary>
    public static DateTimeOffset? EventTime(DeadlineCatalog catalog, string eventId, DateTimeOffset detectedAt,
        IReadOnlyDictionary<string, DateTimeOffset> manualEvents, IReadOnlyDictionary<string, SentNotification> sent)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(manualEvents);
        ArgumentNullException.ThrowIfNull(sent);
        return catalog.Event(eventId) switch
        {
            { Kind: StartEventKind.Detection } => detectedAt,
            { Kind: StartEventKind.Manual } e => manualEvents.TryGetValue(e.Id, out var at) ? at : null,
            { Kind: StartEventKind.Sent } e => sent.TryGetValue(e.SentDeadlineId!, out var n) ? n.SentAt : null,
            _ => null,
        };
    }
}
