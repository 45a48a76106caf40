using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Live;

internal static class LiveSetup
{
    public static void AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<LiveUpdates>();
        builder.Services.AddSingleton<ConnectionProbe>();
    }

    public static void MapLiveUpdates(this WebApplication app)
    {
        app.MapHub<IncidentHub>(IncidentHub.Path);
        ConnectionProbe.Map(app);
    }
}
