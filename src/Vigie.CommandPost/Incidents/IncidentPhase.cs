namespace Vigie.CommandPost.Incidents;

/// <summary>The phases of a cyber crisis, in order: détection, confinement, crise, reprise, clôture.</summary>
public enum IncidentPhase
{
    Detection,
    Confinement,
    Crise,
    Reprise,
    Cloture,
}
