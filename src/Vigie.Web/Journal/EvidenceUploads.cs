using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.Web.Journal;

/// <summary>
/// Room for files in the two requests that carry them (the journal form, the API's upload), and only there: every other
/// request keeps Kestrel's limit. A journal form larger than its files may be goes back to the form with a message
/// instead of an error page.
/// </summary>
internal static partial class EvidenceUploads
{
    public const string TooLargeQuery = "fichiersTropGros";

    public static void AddEvidenceUploads(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FormOptions>().Configure<EvidenceLimits>((form, limits) =>
            form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, EvidenceEndpoints.BodyLimit(limits.MaxBytes, NewJournalEntry.MaxAttachments)));
        builder.Services.AddHostedService<EvidenceSweeper>();
    }

    public static Task LimitBodyAsync(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path.Value is not { } path)
        {
            return next();
        }

        var page = JournalForm().Match(path);
        var files = page.Success ? NewJournalEntry.MaxAttachments : ApiUpload().IsMatch(path) ? 1 : 0;
        if (files == 0)
        {
            return next();
        }

        var limit = EvidenceEndpoints.BodyLimit(context.RequestServices.GetRequiredService<EvidenceLimits>().MaxBytes, files);
        if (page.Success && context.Request.ContentLength > limit)
        {
            context.Response.Redirect(string.Create(CultureInfo.InvariantCulture, $"/incidents/{page.Groups[1].Value}/journal?{TooLargeQuery}=1"));
            return Task.CompletedTask;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next();
    }

    [GeneratedRegex("^/incidents/([0-9]{1,18})/journal/?$", RegexOptions.CultureInvariant)]
    private static partial Regex JournalForm();

    [GeneratedRegex("^/api/v1/incidents/[0-9]{1,18}/evidence/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiUpload();
}
