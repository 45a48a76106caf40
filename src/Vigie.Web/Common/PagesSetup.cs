using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Common;

/// <summary>
/// The pages: Razor components rendered on the server (static). Features add their links to the main navigation
/// (<see cref="NavItem"/>) and their tabs to the incident page (<see cref="IncidentSection"/>) in their own setup.
/// </summary>
internal static class PagesSetup
{
    public static void AddPages(this WebApplicationBuilder builder) => builder.Services.AddRazorComponents();

    /// <summary>Maps the pages (and the theme switch); call it after the features, whose form posts are more specific routes.</summary>
    public static void MapPages(this WebApplication app)
    {
        app.MapTheme();
        app.MapRazorComponents<App>();
    }
}
