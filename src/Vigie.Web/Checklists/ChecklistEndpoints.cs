using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Checklists;

/// <summary>Reflex checklists: templates, an incident's checklists, applying one, checking an item.</summary>
internal static class ChecklistEndpoints
{
    public static RouteGroupBuilder MapChecklistEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/checklists/templates", (ChecklistService checklists) => TypedResults.Ok(
                checklists.Templates.Templates.Select(t => new TemplateResponse(t.Id, t.Name, t.NameEn, t.Description, t.ItemCount, t.Origin)).ToList()))
            .WithTags("Checklists").RequireAuthorization(nameof(Permission.Read));
        var group = api.MapGroup("/incidents/{id:long}/checklists").WithTags("Checklists");
        group.MapGet("/", async (long id, ChecklistService checklists, CancellationToken ct) => TypedResults.Ok(await checklists.ListAsync(id, ct)))
            .RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/", ApplyAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPost("/{checklistId:long}/items/{itemId:long}", CheckAsync).RequireAuthorization(nameof(Permission.Write));
        return group;
    }

    private static async Task<Results<Created<Checklist>, ProblemHttpResult>> ApplyAsync(long id, ApplyChecklistRequest request, ChecklistService checklists, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var applied = await checklists.ApplyAsync(id, request.TemplateId, user.Name(), cancellationToken);
        return applied.IsOk ? TypedResults.Created($"/api/v1/incidents/{id}/checklists/{applied.Value.Id}", applied.Value) : ApiProblems.From(applied.Problem);
    }

    private static async Task<Results<Ok<ChecklistItem>, ProblemHttpResult>> CheckAsync(long id, long checklistId, long itemId, CheckItemRequest request, ChecklistService checklists, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Done is not { } done)
        {
            return ApiProblems.From(Problem.Invalid("done", ProblemCode.DoneRequired));
        }

        var changed = await checklists.CheckAsync(id, checklistId, itemId, done, request.Note, user.Name(), cancellationToken);
        return changed.IsOk ? TypedResults.Ok(changed.Value) : ApiProblems.From(changed.Problem);
    }
}
