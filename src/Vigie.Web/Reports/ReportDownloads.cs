using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.Web.Auth;

namespace Vigie.Web.Reports;

/// <summary>The pages' side of the report: the PDF download in the user's language, and the key-time form's clear button.</summary>
internal static class ReportDownloads
{
    public static void MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/incidents/{id:long}/retex.pdf", async (long id, ReportService reports, HttpContext context) =>
        {
            var report = await reports.BuildAsync(id, CultureInfo.CurrentUICulture, context.User.Name(), context.RequestAborted);
            if (report is null)
            {
                return Results.NotFound();
            }

            await reports.AuditAsync(id, context.User.Name(), "pdf", context.RequestAborted);
            return Results.File(ReportPdfWriter.Render(report), "application/pdf", ReportEndpoints.FileName(report));
        }).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();

        app.MapPost("/incidents/{id:long}/retex/key-times/{key}/clear", async (long id, string key, ReportService reports, HttpContext context) =>
        {
            if (WireName<KeyTime>.TryParse(key, out var parsed))
            {
                await reports.SetKeyTimeAsync(id, parsed, null, context.User.Name(), context.RequestAborted);
            }

            return Results.LocalRedirect($"/incidents/{id}/retex");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
    }
}
