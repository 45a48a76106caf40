using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;

namespace Vigie.Web.Deadlines;

/// <summary>Legal deadlines: the reminder worker, the incident tab, the pages' form posts, their API.</summary>
internal static class DeadlinesSetup
{
    public static void AddDeadlines(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHostedService<DeadlineReminderWorker>();
        services.AddIncidentSection(new IncidentSection("echeances", typeof(DeadlinesSection), typeof(DeadlinesText), "SectionDeadlines", 50));
    }

    public static void MapDeadlines(this WebApplication app)
    {
        app.MapDeadlineForms();
        app.Api().MapDeadlineEndpoints();
    }
}
