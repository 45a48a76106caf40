using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;

namespace Vigie.Web.Actions;

/// <summary>The crisis cell's actions: the incident tab, its status buttons, /api/v1/incidents/{id}/actions.</summary>
internal static class ActionsSetup
{
    public static void AddActions(this WebApplicationBuilder builder) =>
        builder.Services.AddIncidentSection(new IncidentSection("actions", typeof(ActionsSection), typeof(ActionsText), "SectionActions", 30));

    public static void MapActions(this WebApplication app)
    {
        app.MapActionForms();
        app.Api().MapActionEndpoints();
    }
}
