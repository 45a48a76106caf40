using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Overview;

namespace Vigie.CommandPost.Situation;

/// <summary>
/// A point de situation: the incident as it stood when it was taken (stored as taken, printable), with what the ARS asks
/// for: phase, services and IT systems not normal, diversions, patients met at the desk by triage, deadlines and their
/// state, actions open and overdue, the director's assessment and the time of the next point. Points taken before these
/// were recorded have no <see cref="Services"/> (<see cref="IsComplete"/> false).
/// </summary>
public sealed record SituationPoint(
    long Id,
    long IncidentId,
    int Number,
    DateTimeOffset TakenAt,
    string Author,
    long JournalSeq,
    string Title,
    IncidentPhase Phase,
    Severity Severity,
    IReadOnlyList<CrisisAction> OpenActions,
    IReadOnlyList<long> OverdueActionIds,
    IReadOnlyList<JournalEntry> LatestFacts,
    IReadOnlyList<JournalEntry> LatestDecisions,
    long JournalCount,
    string JournalHead)
{
    public DateTimeOffset? DetectedAt { get; init; }

    public string? Assessment { get; init; }

    public DateTimeOffset? NextPointAt { get; init; }

    public IReadOnlyList<SituationServiceLine>? Services { get; init; }

    public int ClinicalTotal { get; init; }

    public int ItTotal { get; init; }

    public IReadOnlyList<SituationDiversion>? Diversions { get; init; }

    public DeskCounts? Patients { get; init; }

    public IReadOnlyList<SituationDeadline>? Deadlines { get; init; }

    public bool IsComplete => Services is not null;
}
