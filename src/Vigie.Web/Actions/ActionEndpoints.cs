using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Situation;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Actions;

/// <summary>Actions of the crisis cell and situation points.</summary>
internal static class ActionEndpoints
{
    public static RouteGroupBuilder MapActionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents/{id:long}/actions").WithTags("Actions");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPatch("/{actionId:long}", PatchAsync).RequireAuthorization(nameof(Permission.Write));

        var situation = api.MapGroup("/incidents/{id:long}/situation-points").WithTags("Situation points");
        situation.MapGet("/", async (long id, SituationService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(id, ct))).RequireAuthorization(nameof(Permission.Read));
        situation.MapPost("/", TakeSituationAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Takes a point: phase, services and IT systems not normal, diversions, desk counts by triage, deadlines and their state, open and overdue actions; body (optional): assessment (the director's words, up to 4,000 characters) and nextPointAt. Journaled.");
        return group;
    }

    private static async Task<Ok<ActionResponse[]>> ListAsync(long id, ActionService actions, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok((await actions.ListAsync(id, cancellationToken)).Select(a => ActionResponse.From(a, now)).ToArray());
    }

    private static async Task<Results<Created<ActionResponse>, ProblemHttpResult>> CreateAsync(
        long id, CreateActionRequest request, ActionService actions, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await actions.CreateAsync(id, new NewAction(request.Title ?? "", request.Owner ?? "", request.DueAt), user.Name(), cancellationToken);
        return created.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{id}/actions/{created.Value.Id}", ActionResponse.From(created.Value, time.GetUtcNow()))
            : ApiProblems.From(created.Problem);
    }

    private static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> PatchAsync(
        long id, long actionId, PatchActionRequest request, ActionService actions, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ActionStatus? status = null;
        if (request.Status is not null)
        {
            var parsed = WireName<ActionStatus>.ParseField("status", request.Status);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            status = parsed.Value;
        }

        var changed = await actions.ChangeAsync(id, actionId, new ActionChange(status, request.Owner, request.DueAt), user.Name(), cancellationToken);
        return changed.IsOk ? TypedResults.Ok(ActionResponse.From(changed.Value, time.GetUtcNow())) : ApiProblems.From(changed.Problem);
    }

    /// <summary>The body is optional (clients that took points before it existed post none), so it is read by hand.</summary>
    private static async Task<Results<Created<SituationPoint>, ProblemHttpResult>> TakeSituationAsync(long id, HttpContext context, SituationService situation,
        CancellationToken cancellationToken)
    {
        SituationRequest? request = null;
        if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync<SituationRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                return ApiProblems.From(Problem.Invalid(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body", ProblemCode.FieldWrongType, e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body", e.Message));
            }
        }

        var taken = await situation.TakeAsync(id, new SituationInput(request?.Assessment, request?.NextPointAt), context.User.Name(), cancellationToken);
        return taken.IsOk ? TypedResults.Created($"/api/v1/incidents/{id}/situation-points/{taken.Value.Number}", taken.Value) : ApiProblems.From(taken.Problem);
    }
}
