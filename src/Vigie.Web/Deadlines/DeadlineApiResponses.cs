using Vigie.CommandPost.Deadlines;

namespace Vigie.Web.Deadlines;

/// <summary>An incident's deadlines as they stand now.</summary>
public sealed record DeadlineBoardResponse(long IncidentId, DateTimeOffset Now, string Rules, string? RulesWarning,
    IReadOnlyList<QuestionResponse> Questions, IReadOnlyList<EventResponse> Events, IReadOnlyList<DeadlineResponse> Deadlines)
{
    public static DeadlineBoardResponse From(DeadlineBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(board.Incident.Id, board.Now, board.CatalogOrigin, board.CatalogWarning,
            board.Questions.Select(q => new QuestionResponse(q.Question.Id, q.Question.Text, q.Question.TextEn, q.Answer, q.AnsweredBy, q.AnsweredAt)).ToList(),
            board.Events.Select(e => new EventResponse(e.Event.Id, e.Event.Label, e.Event.Kind, e.Event.SentDeadlineId, e.At)).ToList(),
            board.Deadlines.Select(d => DeadlineResponse.From(d, board.Now)).ToList());
    }
}

public sealed record QuestionResponse(string Id, string Text, string TextEn, ApplicabilityAnswer? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);

public sealed record EventResponse(string Id, string Label, StartEventKind Source, string? SentDeadlineId, DateTimeOffset? At);

/// <summary>
/// One deadline: offset in the YAML form ("72h", "1 month"), secondsLeft negative once past; startAssumed: the start event
/// (set by hand) is not given yet and the clock counts from the detection meanwhile; sentAfterStartSeconds: for a
/// "without delay" notification that was sent, how long after its start.
/// </summary>
public sealed record DeadlineResponse(string Id, string Name, string Authority, string LegalBasis, string StartEvent, string Offset, bool WithoutDelay,
    IReadOnlyList<string> Reminders, Applicability Applicability, DeadlineStatus Status, DateTimeOffset? StartAt, DateTimeOffset? DueAt, DateTimeOffset? AmberAt,
    long? SecondsLeft, SentNotification? Sent, bool StartAssumed, long? SentAfterStartSeconds)
{
    public static DeadlineResponse From(IncidentDeadline d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        var rule = d.Rule;
        return new(rule.Id, rule.Name, rule.Authority, rule.LegalBasis, rule.StartEventId, rule.Offset.ToString(), rule.WithoutDelay, rule.Reminders.Select(r => r.ToString()).ToList(),
            d.Applicability, d.Status, d.StartAt, d.DueAt, d.AmberAt, d.Left(now) is { } left ? (long)left.TotalSeconds : null, d.Sent,
            d.StartAssumed, d.SentAfterStart is { } after ? (long)after.TotalSeconds : null);
    }
}

/// <summary>The rules in force (GET /api/v1/deadlines/rules).</summary>
public sealed record DeadlineRulesResponse(string Origin, string? Warning, IReadOnlyList<StartEvent> Events, IReadOnlyList<ApplicabilityQuestion> Questions, IReadOnlyList<RuleResponse> Deadlines);

public sealed record RuleResponse(string Id, string Name, string NameEn, string Authority, string LegalBasis, string Start, string Offset, IReadOnlyList<string> Reminders,
    IReadOnlyList<string> AppliesWhen, string? Form)
{
    public static RuleResponse From(DeadlineRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Name, r.NameEn, r.Authority, r.LegalBasis, r.StartEventId, r.Offset.ToString(), r.Reminders.Select(x => x.ToString()).ToList(), r.AppliesWhen, r.Form);
    }
}
