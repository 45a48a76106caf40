namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>Patients who arrived in one local hour (<paramref name="Start"/> is the hour's first instant), by triage level.</summary>
public sealed record HourCount(DateTimeOffset Start, int Count, IReadOnlyList<int> ByTriage);
