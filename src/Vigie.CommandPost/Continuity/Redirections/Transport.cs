namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>How the patient reaches the destination. Wire names: moyens_propres, ambulance, smur_samu (SAMU called, SMUR sent).</summary>
public enum Transport
{
    MoyensPropres,
    Ambulance,
    SmurSamu,
}
