using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Common;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Common;

/// <summary>The HTTP API under /api/v1 (bearer tokens only, so no cookie can be replayed cross-site) and its OpenAPI document.</summary>
internal static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static void AddApi(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vigie command post API";
            document.Info.Description = "Incidents, the tamper-evident journal (main courante), the crisis cell, actions. Authenticate with `Authorization: Bearer <token>` (`vigie admin create-token --user NAME`). Errors are application/problem+json.";
            return Task.CompletedTask;
        }));

    /// <summary>The OpenAPI document and the answer to an unknown /api/v1 path; features map their own endpoints with <see cref="Api"/>.</summary>
    public static void MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.Api().MapFallback(() => ApiProblems.NotFound(ProblemCode.NoSuchEndpoint)).AllowAnonymous();
    }

    /// <summary>A route group under /api/v1 with the API's conventions: bearer tokens only, no antiforgery (no cookies).</summary>
    public static RouteGroupBuilder Api(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = VigieAuthSchemes.Bearer })
            .DisableAntiforgery()
            .WithMetadata(new AntiforgeryExemption("bearer tokens only: the API accepts no cookie, so a cross-site request carries no credential"));
}
