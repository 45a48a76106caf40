namespace Vigie.CommandPost.Deadlines;

/// <summary>The cell's answer to an applicability question. Wire names: oui, non, ne_sait_pas.</summary>
public enum ApplicabilityAnswer
{
    Oui,
    Non,
    NeSaitPas,
}
