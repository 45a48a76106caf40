using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;

namespace Vigie.Web.Remediation;

/// <summary>The remediation plan: the incident tab, the all-incidents plan page, the pages' form posts, its API.</summary>
internal static class RemediationSetup
{
    public static void AddRemediation(this WebApplicationBuilder builder)
    {
        builder.Services.AddIncidentSection(new IncidentSection("remediation", typeof(RemediationSection), typeof(RemediationText), "SectionRemediation", 60));
        builder.Services.AddNavItem(new NavItem("/remediation", typeof(RemediationText), "NavRemediation", 40));
    }

    public static void MapRemediation(this WebApplication app)
    {
        app.MapRemediationForms();
        app.Api().MapRemediationEndpoints();
    }
}
