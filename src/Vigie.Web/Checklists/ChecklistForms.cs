using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Checklists;
using Vigie.Web.Auth;

namespace Vigie.Web.Checklists;

/// <summary>One small form per checklist item (check, uncheck): antiforgery-checked, then back to the item.</summary>
internal static class ChecklistForms
{
    public static void MapChecklistForms(this WebApplication app) =>
        app.MapPost("/incidents/{id:long}/fiches/{checklistId:long}/items/{itemId:long}",
            async (long id, long checklistId, long itemId, [FromForm] string? done, [FromForm] string? note, ChecklistService checklists, HttpContext context) =>
            {
                await checklists.CheckAsync(id, checklistId, itemId, done == "1", note, context.User.Name(), context.RequestAborted);
                return Results.LocalRedirect($"/incidents/{id}/fiches#item-{itemId}");
            }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
}
