using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vigie.Web.Common;

/// <summary>
/// Light or dark pages, chosen by each person and remembered by their browser (a cookie, like the language): the night
/// shift and the wall projector in a dark room want the dark theme. Without a choice, pages are light.
/// </summary>
public static class Theme
{
    public const string CookieName = "vigie.theme";
    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>"dark", "light", or null when the person has not chosen (light).</summary>
    public static string? Of(HttpContext? context) =>
        context?.Request.Cookies[CookieName] is { } value && (value == Light || value == Dark) ? value : null;

    /// <summary>GET /theme/{dark|light}?returnUrl=/...: remembers the choice and goes back (a link, so it works without JavaScript).</summary>
    public static IEndpointConventionBuilder MapTheme(this IEndpointRouteBuilder app) =>
        app.MapGet("/theme/{name}", (string name, string? returnUrl, HttpContext context) =>
        {
            var chosen = name == Dark ? Dark : Light;
            context.Response.Cookies.Append(CookieName, chosen, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).ExcludeFromDescription();
}
