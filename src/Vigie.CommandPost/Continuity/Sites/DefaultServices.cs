namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>The usual lists of a French hospital site: clinical units and IT systems (each site edits its own copy).</summary>
public static class DefaultServices
{
    public static IReadOnlyList<(ServiceCategory Category, string Code, string Name, bool Emergency)> All { get; } =
    [
        (ServiceCategory.Clinique, "urgences_adultes", "Urgences adultes", true),
        (ServiceCategory.Clinique, "urgences_pediatriques", "Urgences pédiatriques", true),
        (ServiceCategory.Clinique, "maternite", "Maternité", false),
        (ServiceCategory.Clinique, "reanimation", "Réanimation", false),
        (ServiceCategory.Clinique, "bloc", "Bloc opératoire", false),
        (ServiceCategory.Clinique, "imagerie", "Imagerie", false),
        (ServiceCategory.Clinique, "laboratoire", "Laboratoire", false),
        (ServiceCategory.Clinique, "pharmacie", "Pharmacie (PUI)", false),
        (ServiceCategory.Clinique, "consultations", "Consultations", false),
        (ServiceCategory.Clinique, "hospitalisation", "Hospitalisation", false),
        (ServiceCategory.Si, "dpi", "DPI (dossier patient informatisé)", false),
        (ServiceCategory.Si, "pacs", "PACS (imagerie)", false),
        (ServiceCategory.Si, "sil", "SIL (laboratoire)", false),
        (ServiceCategory.Si, "si_pharmacie", "Logiciel de pharmacie", false),
        (ServiceCategory.Si, "messagerie", "Messagerie", false),
        (ServiceCategory.Si, "telephonie", "Téléphonie", false),
        (ServiceCategory.Si, "internet", "Internet", false),
        (ServiceCategory.Si, "vpn", "VPN / accès distants", false),
        (ServiceCategory.Si, "active_directory", "Active Directory", false),
        (ServiceCategory.Si, "sauvegardes", "Sauvegardes", false),
    ];
}
