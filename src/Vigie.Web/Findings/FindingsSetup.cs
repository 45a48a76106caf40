using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;

namespace Vigie.Web.Findings;

/// <summary>The Findings feature: hunt results in an incident (incident section, form posts, API).</summary>
internal static class FindingsSetup
{
    public static void AddFindings(this WebApplicationBuilder builder)
    {
        builder.Services.AddIncidentSection(new IncidentSection("findings", typeof(FindingsSection), typeof(FindingsText), "SectionFindings", 60));
    }

    public static void MapFindings(this WebApplication app)
    {
        app.MapFindingForms();
        app.Api().MapFindingEndpoints();
    }
}
