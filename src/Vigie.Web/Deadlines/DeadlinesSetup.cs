using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Deadlines;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Deadlines;

/// <summary>Legal deadlines: their services, the reminder worker, the incident tab, the pages' form posts, their API.</summary>
internal static class DeadlinesSetup
{
    public static void AddDeadlines(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(new DeadlineSettings(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.DataDirectory));
        services.AddSingleton<DeadlineCatalogSource>();
        services.AddSingleton<DraftBuilder>();
        services.AddSingleton<DeadlineService>();
        services.AddHostedService<DeadlineReminderWorker>();
        services.AddIncidentSection(new IncidentSection("echeances", typeof(DeadlinesSection), typeof(DeadlinesText), "SectionDeadlines", 50));
    }

    public static void MapDeadlines(this WebApplication app)
    {
        app.MapDeadlineForms();
        app.Api().MapDeadlineEndpoints();
    }
}
