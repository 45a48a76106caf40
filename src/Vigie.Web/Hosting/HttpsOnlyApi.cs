using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Hosting;

/// <summary>
/// When HTTPS is on, an API call that arrives over plain HTTP is refused (403, a problem that gives the HTTPS address)
/// rather than redirected: a redirect would have the client send its bearer token in clear a second time, and teach
/// scripts that HTTP works. Its token already crossed the network unencrypted, which the answer says. Pages and the
/// live-update hub still redirect (their session cookie is Secure, so a browser never sends it over HTTP).
/// </summary>
internal static class HttpsOnlyApi
{
    public static Task Middleware(HttpContext context, Func<Task> next)
    {
        if (context.Request.IsHttps || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return next();
        }

        return RefuseAsync(context);
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        var addresses = context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var https = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var where = https is null ? "https://" : https.TrimEnd('/') + context.Request.Path;
        var sentToken = context.Request.Headers.Authorization.Count > 0;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "HTTPS required",
                Detail = $"This command post serves its API over HTTPS only: use {where} (with --fingerprint for vigie hunt, as vigie serve printed)." +
                         (sentToken ? " The token of this request crossed the network unencrypted: revoke it if the network is not trusted (vigie admin revoke-token)." : ""),
            },
        }).ConfigureAwait(false);
    }
}
