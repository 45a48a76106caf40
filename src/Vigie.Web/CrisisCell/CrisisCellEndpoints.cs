using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.CrisisCell;

/// <summary>The crisis cell: role list, assignments (handovers), the crisis directory.</summary>
internal static class CrisisCellEndpoints
{
    public static RouteGroupBuilder MapCrisisCellEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/crisis-roles", async (CrisisCellService cell, CancellationToken ct) => TypedResults.Ok(await cell.ListRolesAsync(cancellationToken: ct)))
            .RequireAuthorization(nameof(Permission.Read)).WithTags("Crisis cell");
        api.MapPut("/crisis-roles/{key}", SaveRoleAsync).RequireAuthorization(nameof(Permission.Direct)).WithTags("Crisis cell")
            .WithDescription("Adds a role to the editable list of crisis roles, or renames, reorders, deactivates (active: false) an existing one.");
        var roles = api.MapGroup("/incidents/{id:long}/roles").WithTags("Crisis cell");
        roles.MapGet("/", async (long id, CrisisCellService cell, CancellationToken ct) => TypedResults.Ok(await cell.CurrentAsync(id, ct)))
            .RequireAuthorization(nameof(Permission.Read));
        roles.MapPut("/{role}", AssignAsync).RequireAuthorization(nameof(Permission.Direct));

        var directory = api.MapGroup("/directory").WithTags("Crisis directory");
        directory.MapGet("/", async (CrisisDirectoryService d, CancellationToken ct) => TypedResults.Ok(await d.ListAsync(ct))).RequireAuthorization(nameof(Permission.Read));
        directory.MapPost("/", SaveDirectoryAsync).RequireAuthorization(nameof(Permission.Write));
        directory.MapPut("/{entryId:long}", UpdateDirectoryAsync).RequireAuthorization(nameof(Permission.Write));
        return api;
    }

    private static async Task<Results<Ok<RoleAssignment>, ProblemHttpResult>> AssignAsync(
        long id, string role, AssignRoleRequest request, CrisisCellService cell, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var assigned = await cell.AssignAsync(id, role, request.User ?? "", user.Name(), cancellationToken);
        return assigned.IsOk ? TypedResults.Ok(assigned.Value) : ApiProblems.From(assigned.Problem);
    }

    private static async Task<Results<Ok<CrisisRole>, ProblemHttpResult>> SaveRoleAsync(
        string key, SaveRoleRequest request, CrisisCellService cell, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await cell.SaveRoleAsync(key, request.Label ?? "", request.LabelEn, request.Sort, request.Active ?? true, user.Name(), cancellationToken);
        return saved.IsOk ? TypedResults.Ok(saved.Value) : ApiProblems.From(saved.Problem);
    }

    private static async Task<Results<Created<DirectoryEntry>, ProblemHttpResult>> SaveDirectoryAsync(
        DirectoryEntryInput request, CrisisDirectoryService directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await directory.SaveAsync(null, request, user.Name(), cancellationToken);
        return saved.IsOk ? TypedResults.Created($"/api/v1/directory/{saved.Value.Id}", saved.Value) : ApiProblems.From(saved.Problem ?? Problem.Invalid("name", ProblemCode.Required, "name"));
    }

    private static async Task<Results<Ok<DirectoryEntry>, ProblemHttpResult>> UpdateDirectoryAsync(
        long entryId, DirectoryEntryInput request, CrisisDirectoryService directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await directory.SaveAsync(entryId, request, user.Name(), cancellationToken);
        return saved.IsOk ? TypedResults.Ok(saved.Value) : ApiProblems.From(saved.Problem);
    }
}
