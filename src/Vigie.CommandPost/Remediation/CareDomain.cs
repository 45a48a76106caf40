namespace Vigie.CommandPost.Remediation;

/// <summary>
/// The CaRE programme's domains, the categories of the remediation plan. Wire names: exposition_internet_ad,
/// sauvegardes_continuite, acces_distants, postes_de_travail, sensibilisation.
/// </summary>
public enum CareDomain
{
    ExpositionInternetAd,
    SauvegardesContinuite,
    AccesDistants,
    PostesDeTravail,
    Sensibilisation,
}
