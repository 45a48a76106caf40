using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Reports;
using Vigie.Web.Common;

namespace Vigie.Web.Reports;

/// <summary>
/// The post-incident report (RETEX): the incident tab, the print view and PDF download, its API.
/// Features that add to the report (continuity of care, findings) register an <see cref="IReportContributor"/>.
/// </summary>
internal static class ReportsSetup
{
    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddIncidentSection(new IncidentSection("retex", typeof(ReportSectionPage), typeof(ReportsText), "SectionReport", 70));
    }

    public static void MapReports(this WebApplication app)
    {
        app.MapReportDownloads();
        app.Api().MapReportEndpoints();
    }
}
