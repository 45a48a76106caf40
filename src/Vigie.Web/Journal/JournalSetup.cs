using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;

namespace Vigie.Web.Journal;

/// <summary>The main courante: the incident's journal tab (search, attached files), its print view, /api/v1/incidents/{id}/journal and /evidence.</summary>
internal static class JournalSetup
{
    public static void AddJournal(this WebApplicationBuilder builder)
    {
        builder.Services.AddIncidentSection(new IncidentSection("journal", typeof(JournalSection), typeof(JournalText), "SectionJournal", 10, PageTitleKey: "Title"));
        builder.AddEvidenceUploads();
        builder.Services.AddSingleton<JournalPageCache>();
    }

    public static void MapJournal(this WebApplication app)
    {
        app.Use(EvidenceUploads.LimitBodyAsync);
        var api = app.Api();
        api.MapJournalEndpoints();
        api.MapEvidenceEndpoints();
        app.MapEvidenceFiles();
    }
}
