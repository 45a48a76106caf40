using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.Web.Auth;
using Vigie.Web.Common;

namespace Vigie.Web.Accounts;

/// <summary>Accounts in the pages: sign-in, first set-up, sign-out, and the administration pages (users, audit trail).</summary>
internal static class AccountsSetup
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavItem(new NavItem("/admin/users", typeof(AccountsText), "NavUsers", 90, Permission.Administer));
        builder.Services.AddNavItem(new NavItem("/admin/audit", typeof(AccountsText), "NavAudit", 91, Permission.Administer));
    }

    public static void MapAccounts(this WebApplication app) =>
        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                await audit.TryWriteAsync(context.User.Name(), "logout", $"user:{context.User.Name()}", null, context.Connection.RemoteIpAddress?.ToString());
            }

            await context.SignOutAsync(VigieAuthSchemes.Cookie);
            return Results.LocalRedirect("/login");
        }).DisableAntiforgery().ExcludeFromDescription();
}
