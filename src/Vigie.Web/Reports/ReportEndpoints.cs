using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Reports;

/// <summary>The post-incident report (RETEX): JSON, PDF, key times. lang=fr (default) or en.</summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents/{id:long}/report").WithTags("Report");
        group.MapGet("/", JsonAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The report as sections of paragraphs, facts and tables (lang=fr|en). The same object the print view and the PDF render.");
        api.MapGet("/incidents/{id:long}/report.pdf", PdfAsync).WithTags("Report").RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The report as an A4 PDF made on the server (lang=fr|en).");
        group.MapGet("/key-times", async (long id, string? lang, ReportService reports, CancellationToken ct) =>
            await reports.KeyTimesAsync(id, Culture(lang), ct) is { } times ? Results.Ok(times) : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id))
            .RequireAuthorization(nameof(Permission.Read));
        group.MapPut("/key-times/{key}", SetKeyTimeAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("key: isolement | cellule_crise | fermeture_urgences | reouverture_urgences | retour_normale; at: null goes back to the deduced time.");
        return group;
    }

    internal static CultureInfo Culture(string? lang) => CultureInfo.GetCultureInfo(lang is "en" ? "en-GB" : "fr-FR");

    private static async Task<Results<Ok<PostIncidentReport>, ProblemHttpResult>> JsonAsync(long id, string? lang, ReportService reports, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await reports.BuildAsync(id, Culture(lang), user.Name(), cancellationToken) is { } report ? TypedResults.Ok(report) : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(long id, string? lang, ReportService reports, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(id, Culture(lang), user.Name(), cancellationToken);
        if (report is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        await reports.AuditAsync(id, user.Name(), "pdf", cancellationToken);
        return TypedResults.File(ReportPdfWriter.Render(report), "application/pdf", FileName(report));
    }

    internal static string FileName(PostIncidentReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"retex-incident-{report.Incident.Id}-{report.GeneratedAt:yyyyMMdd-HHmm}-{report.Language}.pdf");

    private static async Task<Results<Ok<KeyTimeValue>, ProblemHttpResult>> SetKeyTimeAsync(long id, string key, KeyTimeRequest request, ReportService reports, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var parsed = WireName<KeyTime>.ParseField("key", key);
        if (!parsed.IsOk)
        {
            return ApiProblems.From(parsed.Problem);
        }

        var set = await reports.SetKeyTimeAsync(id, parsed.Value, request.At, user.Name(), cancellationToken);
        return set.IsOk ? TypedResults.Ok(set.Value) : ApiProblems.From(set.Problem);
    }
}
