namespace Vigie.CommandPost.Reports;

/// <summary>
/// The key times of the post-incident report, in their usual order. Wire names: detection, isolement, cellule_crise,
/// fermeture_urgences, reouverture_urgences, retour_normale.
/// </summary>
public enum KeyTime
{
    Detection,
    Isolement,
    CelluleCrise,
    FermetureUrgences,
    ReouvertureUrgences,
    RetourNormale,
}
