using Microsoft.AspNetCore.Routing;

namespace Vigie.Web.Continuity;

/// <summary>Continuity of care under /api/v1: sites and services, the services board and diversions, facilities, redirections.</summary>
internal static class ContinuityApi
{
    public static RouteGroupBuilder MapContinuityApi(this RouteGroupBuilder api)
    {
        api.MapSiteEndpoints();
        api.MapBoardEndpoints();
        api.MapFacilityEndpoints();
        api.MapRedirectionEndpoints();
        return api;
    }
}
