using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Hosting;

/// <summary>
/// Turns failures into answers: a database that is not there → 503 (the server stays up and the next request
/// tries again; pages get a short HTML page, the API a problem document); malformed JSON or an unreadable field → 400 naming the field;
/// a page's malformed query parameter → a 400 page naming it. Anything else is a bug → 500.
/// </summary>
internal sealed partial class VigieExceptionHandler(IProblemDetailsService problems, ILogger<VigieExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Database.IsUnavailable(exception) || exception.InnerException is { } inner && Database.IsUnavailable(inner))
        {
            LogUnavailable(logger, exception.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "5";
            if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                // A browser on a page: a page that says so, not a JSON document.
                await PlainPage.UnavailableAsync(httpContext).ConfigureAwait(false);
                return true;
            }

            return await WriteAsync(httpContext, exception, "Database unavailable",
                "The command post's database is not reachable right now. Nothing was recorded by this request; retry in a few seconds.").ConfigureAwait(false);
        }

        if (exception is BadHttpRequestException page && !httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // A browser on a page: a page in its language that names the parameter, not a JSON document.
            httpContext.Response.StatusCode = page.StatusCode;
            await PlainPage.BadRequestAsync(httpContext, (page as BadQueryParameterException)?.Parameter).ConfigureAwait(false);
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            var json = FindJsonException(bad);
            var field = json?.Path is { Length: > 0 } path && path.TrimStart('$').TrimStart('.') is { Length: > 0 } trimmed ? trimmed : null;
            httpContext.Response.StatusCode = bad.StatusCode;
            var detail = json is not null
                ? field is { Length: > 0 } ? $"The request body is not valid JSON or '{field}' has the wrong type: {json.Message}" : $"The request body is not valid JSON: {json.Message}"
                : bad.Message;
            return await WriteAsync(httpContext, exception, "Bad request", detail, field).ConfigureAwait(false);
        }

        return false;
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private async ValueTask<bool> WriteAsync(HttpContext context, Exception exception, string title, string detail, string? field = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = context.Response.StatusCode, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string message);
}
