namespace Vigie.CommandPost.Remediation;

/// <summary>The domains' labels for journal texts and reports (French, and English).</summary>
public static class CareDomains
{
    public static string Label(CareDomain domain, bool english = false) => (domain, english) switch
    {
        (CareDomain.ExpositionInternetAd, false) => "Exposition internet / Active Directory",
        (CareDomain.ExpositionInternetAd, true) => "Internet exposure / Active Directory",
        (CareDomain.SauvegardesContinuite, false) => "Sauvegardes / continuité",
        (CareDomain.SauvegardesContinuite, true) => "Backups / continuity",
        (CareDomain.AccesDistants, false) => "Accès distants",
        (CareDomain.AccesDistants, true) => "Remote access",
        (CareDomain.PostesDeTravail, false) => "Postes de travail",
        (CareDomain.PostesDeTravail, true) => "Workstations",
        (CareDomain.Sensibilisation, false) => "Sensibilisation",
        _ => "Awareness",
    };
}
