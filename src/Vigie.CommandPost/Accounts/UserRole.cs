namespace Vigie.CommandPost.Accounts;

/// <summary>
/// Account roles. admin: everything, accounts included; directeur: runs the crisis (declares, phases, roles);
/// membre: writes the journal and actions; accueil: the reception desk (reads, later redirects patients);
/// observateur: reads only (in an exercise: fills the observation grid); animateur: runs crisis exercises (the
/// animation cell: sees the whole scenario, its hidden notes and expectations), and plays no part in real incidents.
/// </summary>
public enum UserRole
{
    Admin,
    Directeur,
    Membre,
    Accueil,
    Observateur,
    Animateur,
}
