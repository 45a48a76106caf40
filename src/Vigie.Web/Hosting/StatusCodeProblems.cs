using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Common;

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

        var problem = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => Problem.Forbidden(ProblemCode.TokenRequired),
            StatusCodes.Status403Forbidden => Problem.Forbidden(ProblemCode.RoleNotAllowed),
            StatusCodes.Status404NotFound => Problem.NotFound(ProblemCode.NoSuchResource),
            _ => null,
        };
        var details = problem is null ? new Microsoft.AspNetCore.Mvc.ProblemDetails() : ApiProblems.Details(problem);
        details.Status = http.Response.StatusCode;
        details.Title = null;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = details,
        }).ConfigureAwait(false);
    }
}
