namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>
/// Who is diverted. Wire names: totale (every patient), adultes_seulement (adults are diverted, children still
/// admitted), sauf_maternite (everyone except maternity), sauf_urgences_vitales (everyone except vital emergencies),
/// autre (described in the diversion's custom category).
/// </summary>
public enum DiversionCategory
{
    Totale,
    AdultesSeulement,
    SaufMaternite,
    SaufUrgencesVitales,
    Autre,
}
