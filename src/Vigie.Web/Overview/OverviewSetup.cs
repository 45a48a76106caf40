using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.Web.Common;

namespace Vigie.Web.Overview;

/// <summary>
/// Le tableau de crise: the director's one-screen board of an incident (/incidents/{id}/tableau-de-crise), also for the
/// wall projector, and /tableau-de-crise, the board of the latest incident that is not closed.
/// </summary>
internal static class OverviewSetup
{
    public static void AddOverview(this WebApplicationBuilder builder) =>
        builder.Services.AddNavItem(new NavItem("/tableau-de-crise", typeof(OverviewText), "NavBoard", 5));

    public static void MapOverview(this WebApplication app) =>
        app.MapGet("/tableau-de-crise", async (IncidentService incidents, CancellationToken ct) =>
        {
            var open = (await incidents.ListAsync(ct)).FirstOrDefault(i => i.Phase != IncidentPhase.Cloture);
            return Results.LocalRedirect(open is null ? "/" : $"/incidents/{open.Id}/tableau-de-crise");
        }).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();
}
