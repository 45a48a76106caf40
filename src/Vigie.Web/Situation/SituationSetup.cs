using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;

namespace Vigie.Web.Situation;

/// <summary>Situation points: the incident tab and its print view (pages only).</summary>
internal static class SituationSetup
{
    public static void AddSituation(this WebApplicationBuilder builder) =>
        builder.Services.AddIncidentSection(new IncidentSection("situation", typeof(SituationSection), typeof(SituationText), "SectionSituation", 40, PageTitleKey: "Title"));
}
