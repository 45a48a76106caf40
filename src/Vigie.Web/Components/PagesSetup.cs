using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Hosting;

namespace Vigie.Web.Components;

/// <summary>The pages: Razor components rendered on the server (static), the navigation and incident sections registries.</summary>
internal static class PagesSetup
{
    public static void AddVigiePages(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        _ = options;
        builder.Services.AddRazorComponents();
    }

    public static void MapVigiePages(this WebApplication app) => app.MapRazorComponents<App>();
}
