namespace Vigie.CommandPost.Accounts;

/// <summary>The one table of who may do what; the UI and the API both ask it.</summary>
public static class Permissions
{
    public static bool Allows(UserRole role, Permission permission) => permission switch
    {
        Permission.Read => true,
        Permission.Write => role is UserRole.Admin or UserRole.Directeur or UserRole.Membre,
        Permission.Direct => role is UserRole.Admin or UserRole.Directeur,
        Permission.Administer => role is UserRole.Admin,
        Permission.Redirect => role is UserRole.Admin or UserRole.Directeur or UserRole.Membre or UserRole.Accueil,
        Permission.Animate => role is UserRole.Animateur,
        Permission.Observe => role is UserRole.Animateur or UserRole.Observateur,
        _ => false,
    };
}
