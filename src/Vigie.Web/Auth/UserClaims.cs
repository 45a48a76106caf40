using System.Security.Claims;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;

namespace Vigie.Web.Auth;

/// <summary>The signed-in user as claims: name (login), display name, role.</summary>
public static class UserClaims
{
    public const string DisplayName = "vigie:display";

    /// <summary>The id of the browser's server-side session (see <c>AccountService.ValidateSessionAsync</c>).</summary>
    public const string SessionId = "vigie:sid";

    public static ClaimsPrincipal Principal(User user, string scheme, string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(DisplayName, user.DisplayName),
            new Claim(ClaimTypes.Role, WireName<UserRole>.Of(user.Role)),
        ];
        if (sessionId is not null)
        {
            claims.Add(new Claim(SessionId, sessionId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string Name(this ClaimsPrincipal principal) =>
        principal?.Identity?.Name ?? throw new InvalidOperationException("No signed-in user.");

    public static UserRole? Role(this ClaimsPrincipal principal) =>
        principal?.FindFirst(ClaimTypes.Role)?.Value is { } value && WireName<UserRole>.TryParse(value, out var role) ? role : null;

    public static bool Can(this ClaimsPrincipal principal, Permission permission) =>
        principal.Role() is { } role && Permissions.Allows(role, permission);
}
