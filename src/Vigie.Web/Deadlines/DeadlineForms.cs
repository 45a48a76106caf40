using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.Web.Auth;

namespace Vigie.Web.Deadlines;

/// <summary>One form per applicability question on the deadlines tab: antiforgery-checked, then back to the tab.</summary>
internal static class DeadlineForms
{
    public static void MapDeadlineForms(this WebApplication app) =>
        app.MapPost("/incidents/{id:long}/echeances/reponses", async (long id, [FromForm] string? question, [FromForm] string? answer, DeadlineService deadlines, HttpContext context) =>
        {
            if (question is not null && WireName<ApplicabilityAnswer>.TryParse(answer, out var parsed))
            {
                await deadlines.AnswerAsync(id, question, parsed, context.User.Name(), context.RequestAborted);
            }

            return Results.LocalRedirect($"/incidents/{id}/echeances#question-{Uri.EscapeDataString(question ?? "")}");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
}
