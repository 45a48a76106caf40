using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Incidents;

/// <summary>Incidents: the list (home page), the incident page that hosts every feature's tab, /api/v1/incidents.</summary>
internal static class IncidentsSetup
{
    public static void AddIncidents(this WebApplicationBuilder builder) =>
        builder.Services.AddNavItem(new NavItem("/", typeof(SharedText), "NavIncidents", 10));

    public static void MapIncidents(this WebApplication app) => app.Api().MapIncidentEndpoints();
}
