using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Geo;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Incidents;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Continuity;

/// <summary>/api/v1/incidents/{id}/redirections: the reception desk. Patient data needs the redirect permission and every read is audited.</summary>
internal static class RedirectionEndpoints
{
    public static readonly string DriveTimeAssumption =
        $"great-circle distance × {DriveEstimate.RoadFactor} (road detour) at {DriveEstimate.MeanSpeedKmh} km/h, rounded up to the minute";

    public static RouteGroupBuilder MapRedirectionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents/{id:long}/redirections").WithTags("Redirections");
        group.MapPost("/suggestions", SuggestAsync).RequireAuthorization(nameof(Permission.Redirect))
            .WithDescription("Destinations for a patient arriving at a site, best first: capability fit (complete, partielle, aucune), then open status (ouvert before inconnu and tension), then great-circle distance; facilities marked ferme are listed apart. Drive time: " + DriveTimeAssumption + ".");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Redirect))
            .WithDescription("Newest first, at most limit (default 500). Contains minimal patient identification: the read is audited.");
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Redirect))
            .WithDescription("Journaled without patient data. A destination marked ferme answers 409; triage 1 takes no destination nor transport (nor ambulatory) and is recorded as a vital-emergency exception. submissionKey (or the Idempotency-Key header): the same key again answers 200 with the redirection already recorded, nothing new. Initials: 1-3 letters; the reason may hold no identifier (long numbers, full dates, e-mail addresses).");
        group.MapGet("/{number:int}", GetAsync).RequireAuthorization(nameof(Permission.Redirect));
        group.MapGet("/{number:int}/slip", SlipAsync).RequireAuthorization(nameof(Permission.Redirect))
            .WithDescription("The slip as plain text (French, 42 columns for receipt printers; width=24..120). The printable page is /incidents/{id}/redirections/{number}/slip.");
        group.MapGet("/stats", StatsAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Counts by hour of arrival (Europe/Paris hours), destination and triage level; no patient data.");
        group.MapGet("/stats.csv", ExportAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The counts for the ARS as CSV (UTF-8 with BOM, ';'): incident;debut_heure;fin_heure;destination;finess;tri;patients. Audited.");
        return group;
    }

    private static async Task<Results<Ok<SuggestionsResponse>, ProblemHttpResult>> SuggestAsync(long id, SuggestionRequest request, RedirectionService redirections,
        IncidentService incidents, CancellationToken ct)
    {
        if (await incidents.GetAsync(id, ct) is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        if (request.SiteId is not { } siteId)
        {
            return ApiProblems.From(Problem.Invalid("siteId", ProblemCode.ArrivalSiteRequired));
        }

        PatientNeed? need = null;
        if (request.Need is not null)
        {
            var parsed = WireName<PatientNeed>.ParseField("need", request.Need);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            need = parsed.Value;
        }

        var suggested = await redirections.SuggestAsync(siteId, need, request.BirthYear ?? 0, ct);
        if (!suggested.IsOk)
        {
            return ApiProblems.From(suggested.Problem);
        }

        var s = suggested.Value;
        return TypedResults.Ok(new SuggestionsResponse(s.Site.Id, s.Need, DriveTimeAssumption, s.Ranked.Select(SuggestionResponse.From).ToList(), s.Closed.Select(SuggestionResponse.From).ToList()));
    }

    private static async Task<Results<Ok<Redirection[]>, ProblemHttpResult>> ListAsync(long id, int? limit, RedirectionService redirections, IncidentService incidents,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (limit is < 1 or > 10_000)
        {
            return ApiProblems.From(Problem.Invalid("limit", ProblemCode.LimitOutOfRange, 10000));
        }

        return await incidents.GetAsync(id, ct) is null
            ? ApiProblems.NotFound(ProblemCode.IncidentNotFound, id)
            : TypedResults.Ok((await redirections.ListAsync(id, user.Name(), limit ?? 500, ct)).ToArray());
    }

    private static async Task<Results<Created<Redirection>, Ok<Redirection>, ProblemHttpResult>> CreateAsync(long id, RedirectionRequest r, RedirectionService redirections,
        HttpContext context, CancellationToken ct)
    {
        var key = r.SubmissionKey ?? (context.Request.Headers.TryGetValue("Idempotency-Key", out var header) ? header.ToString() : null);
        var created = await redirections.CreateAsync(id,
            new NewRedirection(r.SiteId, r.ArrivedAt, r.Initials, r.BirthYear, r.Sex, r.Reason, r.Triage, r.Ambulatory, r.Need, r.FacilityId, r.Transport, key),
            context.User.Name(), ct);
        if (!created.IsOk)
        {
            return ApiProblems.From(created.Problem);
        }

        return created.Value.Replayed
            ? TypedResults.Ok(created.Value)
            : TypedResults.Created($"/api/v1/incidents/{id}/redirections/{created.Value.Number}", created.Value);
    }

    private static async Task<Results<Ok<Redirection>, ProblemHttpResult>> GetAsync(long id, int number, RedirectionService redirections, ClaimsPrincipal user, CancellationToken ct) =>
        await redirections.GetAsync(id, number, user.Name(), "read", ct) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound(ProblemCode.RedirectionNotFound, id, number);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SlipAsync(long id, int number, int? width, RedirectionService redirections, IncidentService incidents,
        HospitalClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(id, ct);
        if (incident is null || await redirections.GetAsync(id, number, user.Name(), "slip", ct) is not { } found)
        {
            return ApiProblems.NotFound(ProblemCode.RedirectionNotFound, id, number);
        }

        return TypedResults.Text(SlipText.Render(found, incident.Exercise, clock, width ?? SlipText.ReceiptWidth), "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<RedirectionStats>, ProblemHttpResult>> StatsAsync(long id, RedirectionService redirections, IncidentService incidents, CancellationToken ct) =>
        await incidents.GetAsync(id, ct) is null ? ApiProblems.NotFound(ProblemCode.IncidentNotFound, id) : TypedResults.Ok(await redirections.StatsAsync(id, ct));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(long id, RedirectionService redirections, IncidentService incidents,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (await incidents.GetAsync(id, ct) is not { } incident)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        var csv = await redirections.ExportCsvAsync(id, user.Name(), ct);
        csv = incident.Exercise ? Vigie.CommandPost.Exercises.ExerciseCsv.Mark(csv) : csv;
        return TypedResults.File([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", $"vigie-reorientations-incident-{id}.csv");
    }
}
