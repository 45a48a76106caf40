using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigie.CommandPost.Common;
using Vigie.Web.Accounts;
using Vigie.Web.Continuity;

namespace Vigie.Web.Hosting;

/// <summary>Domain problems as application/problem+json: 400 with the field, 403, 404, 409.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult From(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (status, title) = problem.Kind switch
        {
            ProblemKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid request"),
            ProblemKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ProblemKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ProblemKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        var extensions = new Dictionary<string, object?>();
        if (problem.Field is { } field)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Message] };
        }

        return TypedResults.Problem(problem.Message, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string what) => From(Problem.NotFound(what));
}
