using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;

namespace Vigie.Web.Checklists;

/// <summary>Reflex checklists: the incident tab, the pages' form posts, their API.</summary>
internal static class ChecklistsSetup
{
    public static void AddChecklists(this WebApplicationBuilder builder)
    {
        builder.Services.AddIncidentSection(new IncidentSection("fiches", typeof(ChecklistsSection), typeof(ChecklistsText), "SectionChecklists", 55));
    }

    public static void MapChecklists(this WebApplication app)
    {
        app.MapChecklistForms();
        app.Api().MapChecklistEndpoints();
    }
}
