using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.Web.Auth;
using Vigie.Web.Components.Navigation;
using Vigie.Web.Components.Pages.Incidents;
using Vigie.Web.Hosting;
using Vigie.Web.Resources;

namespace Vigie.Web.Components;

/// <summary>The pages: Razor components rendered on the server (static), the main navigation and the incident page's sections.</summary>
internal static class PagesSetup
{
    public static void AddVigiePages(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        _ = options;
        var services = builder.Services;
        services.AddRazorComponents();
        services.AddNavItem(new NavItem("/", typeof(SharedText), "NavIncidents", 10));
        services.AddNavItem(new NavItem("/directory", typeof(CrisisCellText), "NavDirectory", 20));
        services.AddNavItem(new NavItem("/admin/users", typeof(AccountsText), "NavUsers", 90, Permission.Administer));
        services.AddNavItem(new NavItem("/admin/audit", typeof(AccountsText), "NavAudit", 91, Permission.Administer));
        services.AddIncidentSection(new IncidentSection("journal", typeof(JournalSection), typeof(JournalText), "SectionJournal", 10));
        services.AddIncidentSection(new IncidentSection("cellule", typeof(CellSection), typeof(CrisisCellText), "SectionCell", 20));
        services.AddIncidentSection(new IncidentSection("actions", typeof(ActionsSection), typeof(ActionsText), "SectionActions", 30));
        services.AddIncidentSection(new IncidentSection("situation", typeof(SituationSection), typeof(SituationText), "SectionSituation", 40));
    }

    public static void MapVigiePages(this WebApplication app)
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
        app.MapFormEndpoints();
        app.MapRazorComponents<App>();
    }
}
