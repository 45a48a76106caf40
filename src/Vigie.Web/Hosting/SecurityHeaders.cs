using Microsoft.AspNetCore.Http;

namespace Vigie.Web.Hosting;

/// <summary>
/// Strict headers on every response: a Content-Security-Policy that allows only this server's own scripts, styles,
/// images and connections (no inline script, no CDN), no framing, no MIME sniffing, no referrer. They are set when the
/// response starts, by the outermost middleware, so an error page (whose handler clears the headers first) has them too.
/// An endpoint may set its own Content-Security-Policy (evidence files are served sandboxed); it is kept.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

    public static Task Apply(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state => Set((HttpContext)state), context);
        return next();
    }

    private static Task Set(HttpContext context)
    {
        var headers = context.Response.Headers;
        // An endpoint that serves something else than Vigie's pages (an evidence file) sets its own, stricter policy.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        return Task.CompletedTask;
    }
}
