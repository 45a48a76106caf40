using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.Web.Auth;

namespace Vigie.Web.Actions;

/// <summary>The actions tab's one-button-per-row form post (change an action's status): antiforgery-checked, then back to the tab.</summary>
internal static class ActionForms
{
    public static void MapActionForms(this WebApplication app) =>
        app.MapPost("/incidents/{id:long}/actions/{actionId:long}/status", async (long id, long actionId, [FromForm] string status, ActionService actions, HttpContext context) =>
        {
            if (WireName<ActionStatus>.TryParse(status, out var parsed))
            {
                await actions.ChangeAsync(id, actionId, new ActionChange(parsed), context.User.Name(), context.RequestAborted);
            }

            return Results.LocalRedirect($"/incidents/{id}/actions");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
}
