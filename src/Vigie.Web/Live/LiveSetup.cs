using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Auth;

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
        app.MapHub<IncidentHub>(IncidentHub.Path)
            .WithMetadata(new AntiforgeryExemption("SignalR: a post needs the connection token that only the negotiate answer gives, unreadable cross-site; the hub only joins groups"));
        ConnectionProbe.Map(app);
    }
}
