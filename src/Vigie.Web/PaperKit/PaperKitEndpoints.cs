using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.PaperKit;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;
using ProblemCode = Vigie.CommandPost.Common.ProblemCode;

namespace Vigie.Web.PaperKit;

/// <summary>
/// The paper kit as a PDF: for the pages (cookie, the page's language) at <c>/kit-papier.pdf</c> (blank) and
/// <c>/incidents/{id}/kit-papier.pdf</c>; for API clients at <c>/api/v1/paper-kit.pdf?incident=ID&amp;lang=fr|en</c>.
/// Anyone who can read may print it; every print is audited (the directory holds personal phone numbers).
/// </summary>
internal static class PaperKitEndpoints
{
    public static void MapPaperKitDownloads(this WebApplication app)
    {
        app.MapGet("/kit-papier.pdf", (PaperKitService kits, AuditLog audit, HttpContext context) =>
            PageDownloadAsync(null, kits, audit, context)).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();
        app.MapGet("/incidents/{id:long}/kit-papier.pdf", (long id, PaperKitService kits, AuditLog audit, HttpContext context) =>
            PageDownloadAsync(id, kits, audit, context)).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();
    }

    public static RouteGroupBuilder MapPaperKitEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/paper-kit.pdf", PdfAsync).WithTags("PaperKit").RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The paper kit as one PDF (A4, slips in A5): crisis directory, reflex checklists, services (with their status when incident is given), " +
                "facilities and their phones, blank crisis log sheets and redirection slips. incident: optional (blank kit without); lang=fr|en.");
        return api;
    }

    internal static string FileName(PaperKitContent kit) =>
        string.Create(CultureInfo.InvariantCulture, $"kit-papier-{(kit.Incident is { } i ? "incident-" + i.Id : "vierge")}-{kit.GeneratedAt:yyyyMMdd-HHmm}-{kit.Language}.pdf");

    private static async Task<IResult> PageDownloadAsync(long? id, PaperKitService kits, AuditLog audit, HttpContext context)
    {
        var kit = await kits.BuildAsync(id, CultureInfo.CurrentUICulture, context.RequestAborted);
        if (kit is null)
        {
            return Results.NotFound();
        }

        await AuditAsync(audit, context.User, kit, context.RequestAborted);
        return Results.File(PaperKitPdfWriter.Render(kit), "application/pdf", FileName(kit));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(long? incident, string? lang, PaperKitService kits, AuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kit = await kits.BuildAsync(incident, CultureInfo.GetCultureInfo(lang is "en" ? "en-GB" : "fr-FR"), cancellationToken);
        if (kit is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, incident);
        }

        await AuditAsync(audit, user, kit, cancellationToken);
        return TypedResults.File(PaperKitPdfWriter.Render(kit), "application/pdf", FileName(kit));
    }

    private static Task AuditAsync(AuditLog audit, ClaimsPrincipal user, PaperKitContent kit, CancellationToken cancellationToken) =>
        audit.TryWriteAsync(user.Name(), "paperkit.pdf", kit.Incident is { } i ? $"incident:{i.Id}" : null, kit.Language, cancellationToken: cancellationToken);
}
