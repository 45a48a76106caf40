using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Continuity;

/// <summary>/api/v1/incidents/{id}/services and /diversions: the services board of an incident and its emergency diversions.</summary>
internal static class BoardEndpoints
{
    public static RouteGroupBuilder MapBoardEndpoints(this RouteGroupBuilder api)
    {
        var board = api.MapGroup("/incidents/{id:long}/services").WithTags("Services board");
        board.MapGet("/", GetAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Every service of every active site with its status in this incident (normal when never set); overdue: a re-evaluation was due and the service is not back to normal.");
        board.MapPut("/status", ChangeManyAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Several services or IT systems at once: one status, one reason, one time (effectiveAt may be earlier than now: the cut at 03:00), one journal entry. Services already in that state are left as they are; a change that would open a diversion is refused (one unit at a time, on its own route).");
        board.MapPut("/{serviceId:long}/status", ChangeAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Journaled. Closing an emergency department (ferme) or putting a clinical unit on diversion needs a diversion (category, planned end, re-evaluation interval); bringing the unit back to normal or degrade ends it.");

        var diversions = api.MapGroup("/incidents/{id:long}/diversions").WithTags("Services board");
        diversions.MapGet("/", ListDiversionsAsync).RequireAuthorization(nameof(Permission.Read));
        diversions.MapGet("/{diversionId:long}", GetDiversionAsync).RequireAuthorization(nameof(Permission.Read));
        diversions.MapPost("/{diversionId:long}/reviews", ReviewAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Records a re-evaluation that keeps the diversion (journaled); the next one is due after the interval.");
        diversions.MapPost("/{diversionId:long}/end", EndAsync).RequireAuthorization(nameof(Permission.Write));
        return board;
    }

    private static async Task<Results<Ok<BoardResponse>, ProblemHttpResult>> GetAsync(long id, BoardService board, CancellationToken ct) =>
        await board.GetAsync(id, ct) is { } found ? TypedResults.Ok(BoardResponse.From(found)) : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);

    private static async Task<Results<Ok<ServiceStateResponse>, ProblemHttpResult>> ChangeAsync(long id, long serviceId, StatusRequest request, BoardService board,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = WireName<ServiceStatus>.ParseField("status", request.Status);
        if (!status.IsOk)
        {
            return ApiProblems.From(status.Problem);
        }

        var diversion = request.Diversion is { } d ? new DiversionRequest(d.Category, d.CustomCategory, d.StartedAt, d.PlannedEndAt, d.ReviewIntervalMinutes) : null;
        var changed = await board.ChangeStatusAsync(id, serviceId,
            new StatusChange(status.Value, request.Reason, request.NextReviewAt, request.PlannedReopenAt, diversion, request.EffectiveAt, request.BeforeDetectionReason), user.Name(), ct);
        return changed.IsOk ? TypedResults.Ok(ServiceStateResponse.From(changed.Value, time.GetUtcNow())) : ApiProblems.From(changed.Problem);
    }

    private static async Task<Results<Ok<ServiceStateResponse[]>, ProblemHttpResult>> ChangeManyAsync(long id, BulkStatusRequest request, BoardService board,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = WireName<ServiceStatus>.ParseField("status", request.Status);
        if (!status.IsOk)
        {
            return ApiProblems.From(status.Problem);
        }

        var changed = await board.ChangeManyAsync(id, request.ServiceIds ?? [],
            new StatusChange(status.Value, request.Reason, request.NextReviewAt, request.PlannedReopenAt, null, request.EffectiveAt, request.BeforeDetectionReason), user.Name(), ct);
        var now = time.GetUtcNow();
        return changed.IsOk ? TypedResults.Ok(changed.Value.Select(s => ServiceStateResponse.From(s, now)).ToArray()) : ApiProblems.From(changed.Problem);
    }

    private static async Task<Ok<DiversionResponse[]>> ListDiversionsAsync(long id, DiversionService diversions, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok((await diversions.ListAsync(id, ct)).Select(d => DiversionResponse.From(d, now)).ToArray());
    }

    private static async Task<Results<Ok<DiversionResponse>, ProblemHttpResult>> GetDiversionAsync(long id, long diversionId, DiversionService diversions, TimeProvider time, CancellationToken ct) =>
        await diversions.GetAsync(id, diversionId, ct) is { } d
            ? TypedResults.Ok(DiversionResponse.From(d, time.GetUtcNow()))
            : ApiProblems.NotFound(ProblemCode.DiversionNotFound, id, diversionId);

    private static async Task<Results<Ok<DiversionResponse>, ProblemHttpResult>> ReviewAsync(long id, long diversionId, DiversionReviewRequest request, DiversionService diversions,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var reviewed = await diversions.ReviewAsync(id, diversionId, new DiversionReview(request.Note, request.PlannedEndAt, request.ReviewIntervalMinutes), user.Name(), ct);
        return reviewed.IsOk ? TypedResults.Ok(DiversionResponse.From(reviewed.Value, time.GetUtcNow())) : ApiProblems.From(reviewed.Problem);
    }

    private static async Task<Results<Ok<DiversionResponse>, ProblemHttpResult>> EndAsync(long id, long diversionId, DiversionEndRequest request, DiversionService diversions,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var resume = ServiceStatus.Normal;
        if (request.ServiceStatus is not null)
        {
            var parsed = WireName<ServiceStatus>.ParseField("serviceStatus", request.ServiceStatus);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            resume = parsed.Value;
        }

        var ended = await diversions.EndAsync(id, diversionId, request.Reason, resume, user.Name(), ct);
        return ended.IsOk ? TypedResults.Ok(DiversionResponse.From(ended.Value, time.GetUtcNow())) : ApiProblems.From(ended.Problem);
    }
}
