using Vigie.CommandPost.Continuity.Diversions;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>The services board of an incident at <paramref name="At"/>: every site, and the diversions in force.</summary>
public sealed record ServiceBoard(long IncidentId, DateTimeOffset At, IReadOnlyList<SiteBoard> Sites, IReadOnlyList<Diversion> ActiveDiversions)
{
    public IEnumerable<ServiceState> All => Sites.SelectMany(s => s.Services);

    public int Overdue => All.Count(s => s.IsOverdue(At));

    public int NotNormal => All.Count(s => s.Status != ServiceStatus.Normal);
}
