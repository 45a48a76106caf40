using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Remediation;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Remediation;

/// <summary>The remediation plan: across incidents (with filters) and per incident.</summary>
internal static class RemediationEndpoints
{
    public static RouteGroupBuilder MapRemediationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/remediation", ListAllAsync).WithTags("Remediation").RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Every measure of every incident, open ones first then by due date. Filters: status, category, open=true.");
        var group = api.MapGroup("/incidents/{id:long}/remediation").WithTags("Remediation");
        group.MapGet("/", async (long id, RemediationService remediation, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok((await remediation.ListAsync(new RemediationQuery(IncidentId: id), ct)).Select(m => MeasureResponse.From(m, time.GetUtcNow())).ToList()))
            .RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPatch("/{measureId:long}", PatchAsync).RequireAuthorization(nameof(Permission.Write));
        return group;
    }

    private static async Task<Results<Ok<List<MeasureResponse>>, ProblemHttpResult>> ListAllAsync(string? status, string? category, bool? open, RemediationService remediation, TimeProvider time, CancellationToken cancellationToken)
    {
        ActionStatus? s = null;
        CareDomain? c = null;
        if (status is not null)
        {
            var parsed = WireName<ActionStatus>.ParseField("status", status);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            s = parsed.Value;
        }

        if (category is not null)
        {
            var parsed = WireName<CareDomain>.ParseField("category", category);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            c = parsed.Value;
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok((await remediation.ListAsync(new RemediationQuery(null, s, c, open == true), cancellationToken)).Select(m => MeasureResponse.From(m, now)).ToList());
    }

    private static async Task<Results<Created<MeasureResponse>, ProblemHttpResult>> CreateAsync(long id, CreateMeasureRequest request, RemediationService remediation, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var category = WireName<CareDomain>.ParseField("category", request.Category);
        if (!category.IsOk)
        {
            return ApiProblems.From(category.Problem);
        }

        var created = await remediation.CreateAsync(id, new NewMeasure(request.Title, category.Value, request.Owner, request.DueAt, request.Notes), user.Name(), cancellationToken);
        return created.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{id}/remediation/{created.Value.Id}", MeasureResponse.From(created.Value, time.GetUtcNow()))
            : ApiProblems.From(created.Problem);
    }

    private static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> PatchAsync(long id, long measureId, PatchMeasureRequest request, RemediationService remediation, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ActionStatus? status = null;
        CareDomain? category = null;
        if (request.Status is not null)
        {
            var parsed = WireName<ActionStatus>.ParseField("status", request.Status);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            status = parsed.Value;
        }

        if (request.Category is not null)
        {
            var parsed = WireName<CareDomain>.ParseField("category", request.Category);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            category = parsed.Value;
        }

        var changed = await remediation.ChangeAsync(id, measureId, new MeasureChange(status, request.Owner, request.DueAt, category, request.Notes), user.Name(), cancellationToken);
        return changed.IsOk ? TypedResults.Ok(MeasureResponse.From(changed.Value, time.GetUtcNow())) : ApiProblems.From(changed.Problem);
    }
}
