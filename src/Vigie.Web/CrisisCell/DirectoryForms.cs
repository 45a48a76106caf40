using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.CrisisCell;
using Vigie.Web.Auth;

namespace Vigie.Web.CrisisCell;

/// <summary>The crisis directory's one-button-per-row form post (delete a line): antiforgery-checked, then back to the page.</summary>
internal static class DirectoryForms
{
    public static void MapDirectoryForms(this WebApplication app) =>
        app.MapPost("/directory/{id:long}/delete", async (long id, [FromForm] string? confirm, CrisisDirectoryService directory, HttpContext context) =>
        {
            _ = confirm;
            await directory.DeleteAsync(id, context.User.Name(), context.RequestAborted);
            return Results.LocalRedirect("/directory");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
}
