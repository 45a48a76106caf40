using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.Web.Auth;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Accounts;

/// <summary>Accounts in the pages: sign-in, first set-up, sign-out, and the administration pages (users, audit trail).</summary>
internal static class AccountsSetup
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavItem(new NavItem("/admin/users", typeof(AccountsText), "NavUsers", 90, Permission.Administer));
        builder.Services.AddNavItem(new NavItem("/admin/audit", typeof(AccountsText), "NavAudit", 91, Permission.Administer));
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapPost("/logout", async (HttpContext context, AccountService accounts) =>
        {
            // The session ends on the server: a copy of the cookie is worth nothing from now on.
            if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(UserClaims.SessionId)?.Value is { } session)
            {
                await accounts.EndSessionAsync(session, context.User.Name(), context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            }

            await context.SignOutAsync(VigieAuthSchemes.Cookie);
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();

        // The revoke button of each token card (accounts page, one account's page); back to the page it came from.
        app.MapPost("/admin/tokens/{id:long}/revoke", async (long id, [FromForm] string? back, AccountService accounts, HttpContext context) =>
        {
            var page = PageQuery.IsLocalUrl(back) && back!.StartsWith("/admin/users", StringComparison.Ordinal) ? back.Split('?')[0] : "/admin/users";
            var revoked = await accounts.RevokeTokenAsync(id, context.User.Name(), context.RequestAborted);
            return Results.LocalRedirect(revoked.IsOk ? page + "?revoque=" + id.ToString(CultureInfo.InvariantCulture) : page);
        }).RequireAuthorization(nameof(Permission.Administer)).ExcludeFromDescription();
    }
}
