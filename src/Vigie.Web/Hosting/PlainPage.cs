using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Vigie.Web.Hosting;

/// <summary>
/// The small pages a browser gets when no Razor page can answer: an address that matches nothing (404), the
/// database out of reach (503). The reader's language, the command post's style sheet, a link home.
/// </summary>
internal static class PlainPage
{
    // Accents stay readable in the source of the page; only markup characters are escaped.
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(UnicodeRanges.All);

    public static Task NotFoundAsync(HttpContext http) => WriteAsync(http, "NotFoundTitle", "NotFoundText");

    public static Task UnavailableAsync(HttpContext http) => WriteAsync(http, "UnavailableTitle", "UnavailableText");

    private static async Task WriteAsync(HttpContext http, string titleKey, string textKey)
    {
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("fr-FR");
        var previous = CultureInfo.CurrentUICulture;
        string title, text, home;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var s = http.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
            (title, text, home) = (s[titleKey], s[textKey], s["NavIncidents"]);
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
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{s_html.Encode(title)} — Vigie</title>
            <link rel="stylesheet" href="/assets/css/site.css"></head>
            <body><main class="page"><h1>{s_html.Encode(title)}</h1><p>{s_html.Encode(text)}</p><p><a href="/">{s_html.Encode(home)}</a></p></main></body>
            </html>
            """).ConfigureAwait(false);
    }
}
