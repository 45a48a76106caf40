using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Auth;

/// <summary>
/// Every signed-in browser request checks its server-side session (<see cref="AccountService.ValidateSessionAsync"/>,
/// one primary-key read): a session ended by logout, a new password, a new role or a disabled account is refused at
/// once, even with a copied cookie, from any server and whoever ended it (the web or `vigie admin` in another process).
/// </summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(UserClaims.SessionId)?.Value;
        var user = sessionId is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<AccountService>().ValidateSessionAsync(sessionId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || !string.Equals(user.Name, principal!.Identity?.Name, StringComparison.Ordinal) || user.Role != principal.Role())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(VigieAuthSchemes.Cookie).ConfigureAwait(false);
        }
    }
}
