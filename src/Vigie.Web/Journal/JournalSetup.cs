using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;

namespace Vigie.Web.Journal;

/// <summary>The main courante: the incident's journal tab, its print view, /api/v1/incidents/{id}/journal.</summary>
internal static class JournalSetup
{
    public static void AddJournal(this WebApplicationBuilder builder) =>
        builder.Services.AddIncidentSection(new IncidentSection("journal", typeof(JournalSection), typeof(JournalText), "SectionJournal", 10));

    public static void MapJournal(this WebApplication app) => app.Api().MapJournalEndpoints();
}
