namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>
/// What a receiving facility can take. Wire names (CSV, API): urgences_adultes, urgences_pediatriques,
/// maternite_type1, maternite_type2a, maternite_type2b, maternite_type3 (French maternity levels), unv (stroke unit),
/// traumatologie (trauma centre), psychiatrie, brules (burns centre), reanimation (ICU), cardiologie (cardiac ICU,
/// catheterisation).
/// </summary>
public enum Capability
{
    UrgencesAdultes,
    UrgencesPediatriques,
    MaterniteType1,
    MaterniteType2a,
    MaterniteType2b,
    MaterniteType3,
    Unv,
    Traumatologie,
    Psychiatrie,
    Brules,
    Reanimation,
    Cardiologie,
}
