namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// What the patient needs, as the desk sees it. Wire names: urgences_adultes, urgences_pediatriques, maternite, avc
/// (suspected stroke), traumatisme_grave, psychiatrie, brulure, cardiologie. Not given: adult or paediatric emergency
/// department from the birth year (under 15: paediatric).
/// </summary>
public enum PatientNeed
{
    UrgencesAdultes,
    UrgencesPediatriques,
    Maternite,
    Avc,
    TraumatismeGrave,
    Psychiatrie,
    Brulure,
    Cardiologie,
}
