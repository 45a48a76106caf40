using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Web.Auth;

/// <summary>
/// At most 10 sign-in attempts a minute from one address (the accounts themselves lock after 5 failures in a row);
/// further POSTs to /login get 429 with Retry-After.
/// </summary>
internal static class LoginThrottle
{
    public static PartitionedRateLimiter<string> Create() =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            var limiter = context.RequestServices.GetRequiredService<PartitionedRateLimiter<string>>();
            using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            if (!lease.IsAcquired)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Trop de tentatives de connexion. Réessayez dans une minute. / Too many sign-in attempts; try again in a minute.").ConfigureAwait(false);
                return;
            }
        }

        await next().ConfigureAwait(false);
    }
}
