using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.Web.Checklists;
using Vigie.Web.Common;
using Vigie.Web.Hosting;
using Vigie.Web.Remediation;
using Vigie.Web.Reports;

namespace Vigie.Web.Deadlines;

/// <summary>
/// The post-incident features (issue 7) in one place: legal deadlines, reflex checklists, the RETEX report and the
/// remediation plan: their services, the reminder worker, incident tabs, navigation, pages' form endpoints and API.
/// Features that add to the report (continuity of care, findings) register an <see cref="IReportContributor"/>.
/// </summary>
internal static class PostIncidentSetup
{
    public static void AddPostIncident(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(new DeadlineSettings(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.DataDirectory));
        services.AddSingleton<DeadlineCatalogSource>();
        services.AddSingleton<ChecklistTemplateSource>();
        services.AddSingleton<DraftBuilder>();
        services.AddSingleton<DeadlineService>();
        services.AddSingleton<ChecklistService>();
        services.AddSingleton<RemediationService>();
        services.AddSingleton<ReportService>();
        services.AddHostedService<DeadlineReminderWorker>();

        services.AddIncidentSection(new IncidentSection("echeances", typeof(DeadlinesSection), typeof(DeadlinesText), "SectionDeadlines", 50));
        services.AddIncidentSection(new IncidentSection("fiches", typeof(ChecklistsSection), typeof(ChecklistsText), "SectionChecklists", 55));
        services.AddIncidentSection(new IncidentSection("remediation", typeof(RemediationSection), typeof(RemediationText), "SectionRemediation", 60));
        services.AddIncidentSection(new IncidentSection("retex", typeof(ReportSectionPage), typeof(ReportsText), "SectionReport", 70));
        services.AddNavItem(new NavItem("/remediation", typeof(RemediationText), "NavRemediation", 40));
    }

    /// <summary>The pages' small form posts and the report's PDF download (cookie-authenticated, antiforgery-checked).</summary>
    public static void MapPostIncident(this WebApplication app)
    {
        app.MapDeadlineForms();
        app.MapChecklistForms();
        app.MapRemediationForms();
        app.MapReportDownloads();
    }

    /// <summary>The /api/v1 endpoints (bearer tokens).</summary>
    public static void MapPostIncidentApi(this RouteGroupBuilder api)
    {
        api.MapDeadlineEndpoints();
        api.MapChecklistEndpoints();
        api.MapRemediationEndpoints();
        api.MapReportEndpoints();
    }
}
