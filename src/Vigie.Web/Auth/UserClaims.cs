using System.Security.Claims;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;

namespace Vigie.Web.Auth;

/// <summary>The signed-in user as claims: name (login), display name, role.</summary>
public static class UserClaims
{
    public const string DisplayName = "vigie:display";

    public static ClaimsPrincipal Principal(User user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(DisplayName, user.DisplayName),
            new Claim(ClaimTypes.Role, WireName<UserRole>.Of(user.Role)),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    public static string Name(this ClaimsPrincipal principal) =>
        principal?.Identity?.Name ?? throw new InvalidOperationException("No signed-in user.");

    public static UserRole? Role(this ClaimsPrincipal principal) =>
        principal?.FindFirst(ClaimTypes.Role)?.Value is { } value && WireName<UserRole>.TryParse(value, out var role) ? role : null;

    public static bool Can(this ClaimsPrincipal principal, Permission permission) =>
        principal.Role() is { } role && Permissions.Allows(role, permission);
}
