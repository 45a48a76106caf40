using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Common;

/// <summary>How features add themselves to the main navigation, to the incident page and to the overviews (crisis board, incident list).</summary>
public static class NavigationRegistration
{
    public static IServiceCollection AddNavItem(this IServiceCollection services, NavItem item) => services.AddSingleton(item);

    public static IServiceCollection AddIncidentSection(this IServiceCollection services, IncidentSection section) => services.AddSingleton(section);

    public static IServiceCollection AddOverviewPanel(this IServiceCollection services, OverviewPanel panel) => services.AddSingleton(panel);
}
