using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Continuity.Reports;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Reports;
using Vigie.Web.Auth;
using Vigie.Web.Common;

namespace Vigie.Web.Continuity;

/// <summary>
/// Continuity of care in the command post: the re-evaluation reminders, navigation (territory, sites,
/// reception desk), the incident's sections (services board, desk, dashboard) and the small form posts and downloads.
/// </summary>
internal static class ContinuitySetup
{
    public static void AddContinuity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHostedService<ReminderLoop>();

        services.AddNavItem(new NavItem("/accueil", typeof(ContinuityText), "NavDesk", 15, Permission.Redirect));
        services.AddNavItem(new NavItem("/territoire", typeof(ContinuityText), "NavTerritory", 30));
        services.AddNavItem(new NavItem("/sites", typeof(ContinuityText), "NavSites", 35, Permission.Direct));
        services.AddIncidentSection(new IncidentSection("services", typeof(ServicesSection), typeof(ContinuityText), "SectionServices", 50, PageTitleKey: "BoardTitle"));
        services.AddIncidentSection(new IncidentSection("accueil", typeof(DeskSection), typeof(ContinuityText), "SectionDesk", 55, Permission.Redirect, "DeskPageTitle"));
        services.AddIncidentSection(new IncidentSection("tableau", typeof(DashboardSection), typeof(ContinuityText), "SectionDashboard", 56, PageTitleKey: "DashboardTitle"));
    }

    public static void MapContinuity(this WebApplication app)
    {
        app.Api().MapContinuityApi();

        // The desk agent's one link: the desk of the most recent incident that is not closed.
        app.MapGet("/accueil", async (IncidentService incidents, CancellationToken ct) =>
        {
            // A real incident's desk first: an exercise must never catch a desk agent on a real night.
            var open = (await incidents.ListAsync(ct)).Where(i => i.Phase != IncidentPhase.Cloture).OrderBy(i => i.Exercise).FirstOrDefault();
            return Results.LocalRedirect(open is null ? "/?desk=none" : $"/incidents/{open.Id}/accueil");
        }).RequireAuthorization(nameof(Permission.Redirect)).ExcludeFromDescription();

        // Counts for the ARS: no patient data, so whoever reads the incident may download them (audited).
        app.MapGet("/incidents/{id:long}/redirections/export.csv", async (long id, IncidentService incidents, RedirectionService redirections, TimeProvider time, HttpContext context) =>
        {
            if (await incidents.GetAsync(id, context.RequestAborted) is not { } incident)
            {
                return Results.NotFound();
            }

            var csv = await redirections.ExportCsvAsync(id, context.User.Name(), context.RequestAborted);
            csv = incident.Exercise ? Vigie.CommandPost.Exercises.ExerciseCsv.Mark(csv) : csv;
            var name = string.Create(CultureInfo.InvariantCulture, $"vigie-reorientations-incident-{id}-{time.GetUtcNow():yyyyMMdd-HHmm}.csv");
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", name);
        }).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();

        app.MapPost("/sites/{siteId:long}/services/{serviceId:long}/active", async (long siteId, long serviceId, [FromForm] string active, SiteCatalogService sites, HttpContext context) =>
        {
            if (await sites.GetServiceAsync(serviceId, context.RequestAborted) is { } service && service.SiteId == siteId)
            {
                await sites.UpdateServiceAsync(siteId, serviceId, new ServiceInput(service.Name, WireName<ServiceCategory>.Of(service.Category), service.Emergency, service.Sort),
                    active == "true", context.User.Name(), context.RequestAborted);
            }

            return Results.LocalRedirect("/sites");
        }).RequireAuthorization(nameof(Permission.Direct)).ExcludeFromDescription();
    }
}
