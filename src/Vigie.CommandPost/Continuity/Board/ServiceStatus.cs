namespace Vigie.CommandPost.Continuity.Board;

/// <summary>
/// The status of a service on the board. Wire names: normal, degrade (working in degraded mode, on paper), ferme
/// (closed unit, stopped IT system: "fermé / arrêté"), diversion (clinical units only: patients sent elsewhere).
/// </summary>
public enum ServiceStatus
{
    Normal,
    Degrade,
    Ferme,
    Diversion,
}
