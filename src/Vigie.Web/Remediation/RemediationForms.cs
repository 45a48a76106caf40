using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Remediation;
using Vigie.Web.Auth;

namespace Vigie.Web.Remediation;

/// <summary>The status select of each measure (incident tab and plan page): antiforgery-checked, then back where it came from.</summary>
internal static class RemediationForms
{
    public static void MapRemediationForms(this WebApplication app) =>
        app.MapPost("/incidents/{id:long}/remediation/{measureId:long}/status",
            async (long id, long measureId, [FromForm] string? status, [FromForm] string? back, RemediationService remediation, HttpContext context) =>
            {
                if (WireName<ActionStatus>.TryParse(status, out var parsed))
                {
                    await remediation.ChangeAsync(id, measureId, new MeasureChange(Status: parsed), context.User.Name(), context.RequestAborted);
                }

                return Results.LocalRedirect(back == "plan" ? $"/remediation#measure-{measureId}" : $"/incidents/{id}/remediation#measure-{measureId}");
            }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
}
