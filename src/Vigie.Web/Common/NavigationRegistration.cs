using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Common;

/// <summary>How features add themselves to the main navigation and to the incident page.</summary>
public static class NavigationRegistration
{
    public static IServiceCollection AddNavItem(this IServiceCollection services, NavItem item) => services.AddSingleton(item);

    public static IServiceCollection AddIncidentSection(this IServiceCollection services, IncidentSection section) => services.AddSingleton(section);
}
