using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;
using Vigie.Web.Auth;

namespace Vigie.Web.Common;

/// <summary>
/// Small HTML form posts that are one button per row (change an action's status, delete a directory line):
/// antiforgery-checked, then redirect back to the page (Post/Redirect/Get).
/// </summary>
internal static class FormEndpoints
{
    public static void MapFormEndpoints(this WebApplication app)
    {
        app.MapPost("/incidents/{id:long}/actions/{actionId:long}/status", async (long id, long actionId, [FromForm] string status, ActionService actions, HttpContext context) =>
        {
            if (WireName<ActionStatus>.TryParse(status, out var parsed))
            {
                await actions.ChangeAsync(id, actionId, new ActionChange(parsed), context.User.Name(), context.RequestAborted);
            }

            return Results.LocalRedirect($"/incidents/{id}/actions");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();

        app.MapPost("/directory/{id:long}/delete", async (long id, [FromForm] string? confirm, CrisisDirectoryService directory, HttpContext context) =>
        {
            _ = confirm;
            await directory.DeleteAsync(id, context.User.Name(), context.RequestAborted);
            return Results.LocalRedirect("/directory");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
    }
}
