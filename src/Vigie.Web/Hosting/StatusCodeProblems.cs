using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Hosting;

/// <summary>Bodiless API errors (401, 403, 404 of unknown routes, 405...) get an application/problem+json body; unknown pages a small HTML page.</summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // A path that matches no page, or a page that found nothing (an unknown incident: Blazor renders no body for
            // a 404 and leaves it to this middleware): the plain "page not found" page. Re-running the pipeline instead
            // would render the page a second time into the same response (a 500).
            if (http.Response.StatusCode == StatusCodes.Status404NotFound)
            {
                await PlainPage.NotFoundAsync(http).ConfigureAwait(false);
            }

            return;
        }

        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required (Authorization: Bearer vigie_...; `vigie admin create-token --user NAME`).",
            StatusCodes.Status403Forbidden => "Your role does not allow this action.",
            StatusCodes.Status404NotFound => "No such resource.",
            _ => null,
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = http.Response.StatusCode, Detail = detail },
        }).ConfigureAwait(false);
    }
}
