namespace Vigie.CommandPost.Accounts;

/// <summary>
/// Account roles. admin: everything, accounts included; directeur: runs the crisis (declares, phases, roles);
/// membre: writes the journal and actions; accueil: the reception desk (reads, later redirects patients);
/// observateur: reads only.
/// </summary>
public enum UserRole
{
    Admin,
    Directeur,
    Membre,
    Accueil,
    Observateur,
}
