using Vigie.CommandPost.Continuity.Board;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// A service of the board at DEBEX: its code (<c>dpi</c>, <c>urgences_adultes</c> ...) or name, status and reason;
/// <paramref name="Diversion"/> (a diversion category) when it is an emergency department closed or a unit on diversion.
/// </summary>
public sealed record StartingService(string Service, ServiceStatus Status, string? Reason, string? Diversion);
