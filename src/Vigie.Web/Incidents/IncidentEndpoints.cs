using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Incidents;

/// <summary>/api/v1/incidents: declare, list, read, change phase.</summary>
internal static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents");
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Direct));
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/{id:long}/phase", ChangePhaseAsync).RequireAuthorization(nameof(Permission.Direct));
        return group;
    }

    private static async Task<Results<Created<IncidentResponse>, ProblemHttpResult>> CreateAsync(
        CreateIncidentRequest request, IncidentService incidents, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = WireName<IncidentKind>.ParseField("kind", request.Kind);
        if (!kind.IsOk)
        {
            return ApiProblems.From(kind.Problem);
        }

        var severity = Severity.Elevee;
        if (request.Severity is not null)
        {
            var parsed = WireName<Severity>.ParseField("severity", request.Severity);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            severity = parsed.Value;
        }

        var created = await incidents.CreateAsync(new NewIncident(request.Title ?? "", kind.Value, request.DetectedAt, severity, request.Site, request.Exercise ?? false), user.Name(), cancellationToken);
        return created.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{created.Value.Id}", IncidentResponse.From(created.Value))
            : ApiProblems.From(created.Problem);
    }

    private static async Task<Ok<IncidentResponse[]>> ListAsync(IncidentService incidents, CancellationToken cancellationToken) =>
        TypedResults.Ok((await incidents.ListAsync(cancellationToken)).Select(IncidentResponse.From).ToArray());

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> GetAsync(long id, IncidentService incidents, CancellationToken cancellationToken) =>
        await incidents.GetAsync(id, cancellationToken) is { } incident
            ? TypedResults.Ok(IncidentResponse.From(incident))
            : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> ChangePhaseAsync(
        long id, PhaseRequest request, IncidentService incidents, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var phase = WireName<IncidentPhase>.ParseField("phase", request.Phase);
        if (!phase.IsOk)
        {
            return ApiProblems.From(phase.Problem);
        }

        var changed = await incidents.ChangePhaseAsync(id, phase.Value, request.EffectiveAt, user.Name(), cancellationToken);
        return changed.IsOk ? TypedResults.Ok(IncidentResponse.From(changed.Value)) : ApiProblems.From(changed.Problem);
    }
}
