using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Vigie.Web.Hosting;

/// <summary>
/// At most as many pages rendered at once as the machine has cores; the other page requests wait their turn (first
/// come, first served) without holding a thread. Writing to the journal must never queue behind screens: every append
/// makes every screen of the incident reload its page (live.js), and on a territory's server (bench/run, the territory
/// case: 50 writers, 30 screens, 2 cores) the renders took the processors from the appends, whose p99 went to about
/// 200 ms where appends alone stay near 35 ms. Only reading a page (GET or HEAD of a Razor page) waits here: the API,
/// forms sent, live notices, files and static assets do not.
/// </summary>
internal sealed class PageReaders(int concurrency)
{
    private readonly SemaphoreSlim _turns = new(concurrency, concurrency);

    public async Task Middleware(HttpContext context, Func<Task> next)
    {
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) ||
            context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        await _turns.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            _turns.Release();
        }
    }
}
