using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;

namespace Vigie.CommandPost.Situation;

/// <summary>A point de situation: the incident as it stood when it was taken (stored as taken, printable).</summary>
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
    string JournalHead);
