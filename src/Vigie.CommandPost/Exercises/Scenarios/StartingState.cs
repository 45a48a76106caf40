using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Where the exercise starts: the incident's phase and services already down (with a diversion for an emergency department).</summary>
public sealed record StartingState(IncidentPhase? Phase, IReadOnlyList<StartingService> Services);
