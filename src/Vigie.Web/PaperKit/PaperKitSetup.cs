using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;

namespace Vigie.Web.PaperKit;

/// <summary>
/// The paper kit: one PDF with what a hospital needs when every screen is gone (crisis directory, reflex checklists,
/// services, facilities and their phones, blank crisis log sheets and redirection slips), for an incident or blank.
/// Its button (<see cref="PaperKitButton"/>) sits on the crisis directory page (blank) and the incident's RETEX tab.
/// </summary>
internal static class PaperKitSetup
{
    public static void MapPaperKit(this WebApplication app)
    {
        app.MapPaperKitDownloads();
        app.Api().MapPaperKitEndpoints();
    }
}
