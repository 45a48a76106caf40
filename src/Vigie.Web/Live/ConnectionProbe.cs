using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Live;

/// <summary>
/// GET /live/ping: what every page's heartbeat asks (live.js, every 2 s). 204 when the server and its database answer,
/// 503 when the database is out of reach (a form sent now would not be saved). The database is asked at most once a
/// second whatever the number of open pages; never cached by the browser; no sign-in needed (the login page shows the
/// banner too).
/// </summary>
internal sealed class ConnectionProbe(Database database, TimeProvider time)
{
    public const string Path = "/live/ping";
    private static readonly TimeSpan s_reuse = TimeSpan.FromSeconds(1);

    // Below the 8 s after which live.js counts a silent server as lost: a database that answers in 5 s is slow, not lost.
    private static readonly TimeSpan s_databaseWait = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Check _last = new(DateTimeOffset.MinValue, false);

    public async Task<bool> IsUpAsync(CancellationToken cancellationToken)
    {
        var last = _last;
        if (time.GetUtcNow() - last.At < s_reuse)
        {
            return last.Up;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() - _last.At < s_reuse)
            {
                return _last.Up;
            }

            bool up;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(s_databaseWait);
                await database.ReadAsync(async c =>
                {
                    await using var command = c.CreateCommand();
                    command.CommandText = "SELECT 1";
                    return await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
                }, timeout.Token).ConfigureAwait(false);
                up = true;
            }
            catch (Exception e) when (Database.IsUnavailable(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                up = false;
            }

            _last = new Check(time.GetUtcNow(), up);
            return up;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (ConnectionProbe probe, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return await probe.IsUpAsync(context.RequestAborted).ConfigureAwait(false)
                ? Results.NoContent()
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();

    private sealed record Check(DateTimeOffset At, bool Up);
}
