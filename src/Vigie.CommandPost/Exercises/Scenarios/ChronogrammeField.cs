namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// The columns of a chronogramme Vigie reads. Wire names (used by <c>--map</c> and the mapping step): id, time (a time of
/// day: Horaire), offset (from DEBEX: H+, Délai), channel, from, to, subject, content, expected, deliverable, notes, objective.
/// </summary>
public enum ChronogrammeField
{
    Id,
    Time,
    Offset,
    Channel,
    From,
    To,
    Subject,
    Content,
    Expected,
    Deliverable,
    Notes,
    Objective,
}
