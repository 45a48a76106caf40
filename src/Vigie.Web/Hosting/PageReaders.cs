using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Storage;

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
    /// <summary>
    /// Turns for a machine of <paramref name="cores"/> cores. SQLite runs a page's queries on the page's own thread: one
    /// turn per core. PostgreSQL is another process, and a page holding its turn waits on the network for each query:
    /// one turn more. Measured on 2 cores (bench/run, territory case; append p99 / page p95): SQLite with 2 turns
    /// 35 / 39 ms, with 4 turns 53 / 36 ms; PostgreSQL with 2 turns 38 / 114 ms, 3 turns 29-34 / 55-65 ms, 4 turns
    /// 43 / 56-60 ms.
    /// </summary>
    public static int TurnsFor(DatabaseKind kind, int cores) => kind == DatabaseKind.Sqlite ? cores : cores + 1;

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
