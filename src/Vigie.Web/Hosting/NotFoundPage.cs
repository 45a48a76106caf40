using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Vigie.Web.Resources;

namespace Vigie.Web.Hosting;

/// <summary>The page of an address that matches no page: the reader's language, the command post's style sheet, a link home.</summary>
internal static class NotFoundPage
{
    public static async Task WriteAsync(HttpContext http)
    {
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("fr-FR");
        var previous = CultureInfo.CurrentUICulture;
        string title, text, home;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var s = http.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
            (title, text, home) = (s["NotFoundTitle"], s["NotFoundText"], s["NavIncidents"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{culture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{WebUtility.HtmlEncode(title)} — Vigie</title>
            <link rel="stylesheet" href="/assets/css/site.css"></head>
            <body><main class="page"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p><p><a href="/">{WebUtility.HtmlEncode(home)}</a></p></main></body>
            </html>
            """).ConfigureAwait(false);
    }
}
