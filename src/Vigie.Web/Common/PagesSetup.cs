using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.Web.Accounts;
using Vigie.Web.Actions;
using Vigie.Web.Auth;
using Vigie.Web.CrisisCell;
using Vigie.Web.Hosting;
using Vigie.Web.Journal;
using Vigie.Web.Situation;

namespace Vigie.Web.Common;

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
        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                await audit.WriteAsync(context.User.Name(), "logout", $"user:{context.User.Name()}", null, context.Connection.RemoteIpAddress?.ToString());
            }

            await context.SignOutAsync(VigieAuthSchemes.Cookie);
            return Results.LocalRedirect("/login");
        }).DisableAntiforgery().ExcludeFromDescription();
        app.MapFormEndpoints();
        app.MapRazorComponents<App>();
    }
}
