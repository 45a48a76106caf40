using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Common;

namespace Vigie.Web.Hosting;

/// <summary>
/// Domain problems as application/problem+json: 400 with the field, 403, 404, 409, 413; <c>code</c> is the
/// <see cref="ProblemCode"/>'s wire name, <c>detail</c> and <c>errors</c> are in the language of the request's
/// Accept-Language (<see cref="ApiLanguage"/>: English unless French comes first), instants in the hospital's time.
/// The words are put in when the document is written (<see cref="Localize"/>, from AddProblemDetails), where the
/// request and the hospital's clock are at hand.
/// </summary>
internal static class ApiProblems
{
    // The problem rides in the document's extensions until Localize renders it; it is never written out.
    private const string PendingKey = "vigie.problem";

    public static ProblemHttpResult From(Problem problem, IReadOnlyDictionary<string, object?>? more = null) =>
        TypedResults.Problem(Details(problem, more));

    public static ProblemHttpResult NotFound(ProblemCode code, params object?[] arguments) => From(Problem.NotFound(code, arguments));

    /// <summary>The document for <paramref name="problem"/>, its words still to be put in by <see cref="Localize"/>.</summary>
    public static ProblemDetails Details(Problem problem, IReadOnlyDictionary<string, object?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = new ProblemDetails
        {
            Status = problem.Kind switch
            {
                ProblemKind.NotFound => StatusCodes.Status404NotFound,
                ProblemKind.Conflict => StatusCodes.Status409Conflict,
                ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
                ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            },
            Title = Title(problem.Kind),
            Detail = problem.Message,
        };
        details.Extensions["code"] = ProblemText.WireCode(problem.Code);
        if (problem.Field is { } field)
        {
            details.Extensions["field"] = field;
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Message] };
        }

        foreach (var (key, value) in more ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        details.Extensions[PendingKey] = problem;
        return details;
    }

    /// <summary>Puts the words of a pending problem in the request's language (CustomizeProblemDetails).</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var details = context.ProblemDetails;
        if (!details.Extensions.Remove(PendingKey, out var pending) || pending is not Problem problem)
        {
            return;
        }

        var culture = ApiLanguage.Of(context.HttpContext.Request);
        var zone = context.HttpContext.RequestServices.GetRequiredService<HospitalClock>().Zone;
        var text = ProblemText.Render(problem, culture, zone);
        details.Detail = text;
        if (culture.TwoLetterISOLanguageName == "fr")
        {
            details.Title = FrenchTitle(problem.Kind);
        }

        if (problem.Field is { } field)
        {
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [text] };
        }
    }

    private static string Title(ProblemKind kind) => kind switch
    {
        ProblemKind.NotFound => "Not found",
        ProblemKind.Conflict => "Conflict",
        ProblemKind.Forbidden => "Forbidden",
        ProblemKind.TooLarge => "Payload too large",
        _ => "Invalid request",
    };

    private static string FrenchTitle(ProblemKind kind) => kind switch
    {
        ProblemKind.NotFound => "Introuvable",
        ProblemKind.Conflict => "Conflit",
        ProblemKind.Forbidden => "Interdit",
        ProblemKind.TooLarge => "Trop volumineux",
        _ => "Requête invalide",
    };
}
