using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Hosting;

/// <summary>
/// Turns failures into answers: a database that cannot do it (not reachable, disk full, read-only, damaged) → 503 that
/// says which (the server stays up and the next request tries again; pages get a short HTML page in the reader's language,
/// the API a problem document with <c>storage</c>); malformed JSON or an unreadable field → 400 naming the field;
/// a page's malformed query parameter → a 400 page naming it. Anything else is a bug → 500.
/// </summary>
internal sealed partial class VigieExceptionHandler(IProblemDetailsService problems, ILogger<VigieExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if ((Database.Classify(exception) ?? (exception.InnerException is { } inner ? Database.Classify(inner) : null)) is { } failure)
        {
            LogUnavailable(logger, exception.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = failure == StorageFailure.Unreachable ? "5" : "60";
            if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                // A browser on a page: a page that says so in the reader's language, not a JSON document.
                await PlainPage.UnavailableAsync(httpContext, failure).ConfigureAwait(false);
                return true;
            }

            var (title, detail) = failure switch
            {
                StorageFailure.DiskFull => ("Disk full",
                    "The disk that holds the command post's database is full. Nothing was recorded by this request; reading still works. Free some space on the server (the command post goes on by itself)."),
                StorageFailure.ReadOnly => ("Database read-only",
                    "The command post's database or its folder is read-only. Nothing was recorded by this request; reading may still work. Make the data folder writable again."),
                StorageFailure.Damaged => ("Database damaged",
                    "The command post's database file is damaged. Nothing was recorded by this request. Restore the last good copy (vigie restore)."),
                _ => ("Database unavailable",
                    "The command post's database is not reachable right now. Nothing was recorded by this request; retry in a few seconds."),
            };
            return await WriteAsync(httpContext, exception, title, detail, failure: failure).ConfigureAwait(false);
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
            var problem = json is null
                ? Problem.Invalid("body", ProblemCode.BadRequest, bad.Message) with { Field = null }
                : field is { Length: > 0 }
                    ? Problem.Invalid(field, ProblemCode.FieldWrongType, field, json.Message)
                    : Problem.Invalid("body", ProblemCode.BodyNotJson, json.Message) with { Field = null };
            var details = ApiProblems.Details(problem);
            details.Status = bad.StatusCode;
            details.Title = "Bad request";
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception }).ConfigureAwait(false);
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

    private async ValueTask<bool> WriteAsync(HttpContext context, Exception exception, string title, string detail, StorageFailure? failure = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = context.Response.StatusCode, Title = title, Detail = detail };
        if (failure is { } storage)
        {
            problem.Extensions["storage"] = storage switch
            {
                StorageFailure.DiskFull => "disk_full",
                StorageFailure.ReadOnly => "read_only",
                StorageFailure.Damaged => "damaged",
                _ => "unreachable",
            };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string message);
}
