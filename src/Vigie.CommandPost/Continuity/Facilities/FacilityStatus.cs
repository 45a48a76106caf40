namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>
/// A facility's status as last known by the crisis cell. Wire names: inconnu (nothing heard), ouvert (accepting),
/// tension (strained, accepting with delays), ferme (not accepting: redirections to it are refused).
/// </summary>
public enum FacilityStatus
{
    Inconnu,
    Ouvert,
    Tension,
    Ferme,
}
