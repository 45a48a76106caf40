using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;

namespace Vigie.CommandPost.Overview;

/// <summary>
/// The crisis board of one incident at <paramref name="At"/> (le tableau de crise): what a director must see at a glance,
/// each list bounded so that it fits one screen. <paramref name="Deadlines"/>: the notifications still owed, most urgent
/// first; <paramref name="Sent"/>: those already sent; <paramref name="Down"/>: services and IT systems not normal (at
/// most <see cref="OverviewService.MaxDown"/> of <paramref name="DownCount"/>), out of <paramref name="ClinicalTotal"/>
/// clinical units and <paramref name="ItTotal"/> IT systems. <paramref name="ValidUntil"/>: the first instant at which a status
/// shown here changes by the clock alone (an amber or red threshold, a re-evaluation or an action falling due).
/// </summary>
public sealed record CrisisOverview(
    Incident Incident,
    DateTimeOffset At,
    IReadOnlyList<IncidentDeadline> Deadlines,
    IReadOnlyList<IncidentDeadline> Sent,
    int OpenActions,
    IReadOnlyList<CrisisAction> OverdueActions,
    int OverdueActionCount,
    IReadOnlyList<DownService> Down,
    int DownCount,
    int ClinicalTotal,
    int ItTotal,
    IReadOnlyList<Diversion> Diversions,
    DeskCounts Desk,
    IReadOnlyList<JournalEntry> LatestEntries,
    LastSituationPoint? LastPoint,
    DateTimeOffset ValidUntil)
{
    /// <summary>Re-evaluations that are due: services still not normal, and diversions in force.</summary>
    public int OverdueReviews => Down.Count(s => s.IsOverdue(At)) + Diversions.Count(d => d.IsReviewOverdue(At));
}
