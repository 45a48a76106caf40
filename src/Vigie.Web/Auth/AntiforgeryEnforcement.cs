using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Hosting;

namespace Vigie.Web.Auth;

/// <summary>
/// Every state-changing request to an endpoint must carry a valid antiforgery token unless the endpoint is marked
/// <see cref="AntiforgeryExemption"/>. ASP.NET's own middleware only validates endpoints that ask for it and leaves the
/// refusal to the endpoint, which a minimal-API form post without form parameters never does (the RETEX key-time
/// "clear" button was open to a cross-site post): here the rule holds by construction, for endpoints written later too.
/// </summary>
internal static class AntiforgeryEnforcement
{
    /// <summary>On the refusal page, so a test can tell this refusal from any other 400.</summary>
    public const string Marker = "data-refused=\"antiforgery\"";

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method) ||
            context.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<AntiforgeryExemption>() is not null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var valid = context.Features.Get<IAntiforgeryValidationFeature>()?.IsValid
            ?? await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false);
        if (!valid)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await PlainPage.FormRefusedAsync(context).ConfigureAwait(false);
            return;
        }

        await next().ConfigureAwait(false);
    }
}
