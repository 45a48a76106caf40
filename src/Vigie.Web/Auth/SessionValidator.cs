using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Auth;

/// <summary>
/// Closes signed-in browser sessions whose account changed underneath them: a new password (a leaked one, a
/// forgotten one), a new role, a disabled or deleted account. Checked at most once a minute per session (one
/// database read), so a change takes effect within a minute without a lookup on every request.
/// </summary>
internal static class SessionValidator
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const string CheckedKey = "vigie.checked";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedKey, out var value) &&
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
            ticks <= now.UtcTicks && now.UtcTicks - ticks < Interval.Ticks)
        {
            return;
        }

        var name = context.Principal?.Identity?.Name;
        var stamp = name is null ? null : await services.GetRequiredService<AccountService>().SessionStampAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (stamp is null || stamp != context.Principal?.FindFirst(UserClaims.SessionStamp)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(VigieAuthSchemes.Cookie).ConfigureAwait(false);
            return;
        }

        context.Properties.Items[CheckedKey] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
