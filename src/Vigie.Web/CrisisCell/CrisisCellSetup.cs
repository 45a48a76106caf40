using Microsoft.AspNetCore.Builder;
using Vigie.Web.Common;

namespace Vigie.Web.CrisisCell;

/// <summary>The crisis cell: its incident tab (roles and handovers), the crisis directory page, their API.</summary>
internal static class CrisisCellSetup
{
    public static void AddCrisisCell(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavItem(new NavItem("/directory", typeof(CrisisCellText), "NavDirectory", 20));
        builder.Services.AddIncidentSection(new IncidentSection("cellule", typeof(CellSection), typeof(CrisisCellText), "SectionCell", 20));
    }

    public static void MapCrisisCell(this WebApplication app)
    {
        app.MapDirectoryForms();
        app.Api().MapCrisisCellEndpoints();
    }
}
