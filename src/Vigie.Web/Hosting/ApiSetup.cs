using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Actions;
using Vigie.Web.Auth;
using Vigie.Web.Common;
using Vigie.Web.Continuity;
using Vigie.Web.CrisisCell;
using Vigie.Web.Deadlines;
using Vigie.Web.Findings;
using Vigie.Web.Incidents;
using Vigie.Web.Journal;

namespace Vigie.Web.Hosting;

/// <summary>The HTTP API under /api/v1 (bearer tokens only, so no cookie can be replayed cross-site) and its OpenAPI document.</summary>
internal static class ApiSetup
{
    public static void AddVigieApi(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vigie command post API";
            document.Info.Description = "Incidents, the tamper-evident journal (main courante), the crisis cell, actions. Authenticate with `Authorization: Bearer <token>` (`vigie admin create-token --user NAME`). Errors are application/problem+json.";
            return Task.CompletedTask;
        }));

    public static void MapVigieApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = VigieAuthSchemes.Bearer })
            .DisableAntiforgery();
        api.MapIncidentEndpoints();
        api.MapJournalEndpoints();
        api.MapCrisisCellEndpoints();
        api.MapActionEndpoints();
        api.MapFindingEndpoints();
        api.MapPostIncidentApi();
        api.MapContinuityApi();
        api.MapFallback(() => ApiProblems.NotFound("No such API endpoint.")).AllowAnonymous();
    }
}
