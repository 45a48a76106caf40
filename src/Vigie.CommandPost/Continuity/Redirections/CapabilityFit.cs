namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// How well a facility fits the patient's need. Wire names: complete (it has what the patient needs), partielle
/// (an emergency department that can take and stabilise the patient, with a secondary transfer likely), aucune.
/// </summary>
public enum CapabilityFit
{
    Complete,
    Partielle,
    Aucune,
}
