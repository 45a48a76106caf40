using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Deadlines;

/// <summary>An incident's deadlines as they stand at <paramref name="Now"/>, with the questions and start events behind them.</summary>
public sealed record DeadlineBoard(
    Incident Incident,
    DateTimeOffset Now,
    IReadOnlyList<QuestionState> Questions,
    IReadOnlyList<EventState> Events,
    IReadOnlyList<IncidentDeadline> Deadlines,
    string CatalogOrigin,
    string? CatalogWarning)
{
    public IncidentDeadline? Deadline(string id) => Deadlines.FirstOrDefault(d => d.Rule.Id == id);
}
