namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// What became of the patient. Wire names: reoriente (sent to another facility), urgence_vitale_sur_place (triage 1,
/// a vital emergency: never sent away, taken care of on site; recorded as an exception to the diversion).
/// </summary>
public enum RedirectionOutcome
{
    Reoriente,
    UrgenceVitaleSurPlace,
}
