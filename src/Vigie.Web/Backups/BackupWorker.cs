using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Hosting;

namespace Vigie.Web.Backups;

/// <summary>
/// Runs `serve --backup-to`: a copy at start, one every <see cref="BackupOptions.Every"/> (on the host's
/// <see cref="TimeProvider"/>) and one after every phase change of any incident (seen on the change feed, then checked
/// against the incidents' phases). Each result is said on the server's console and kept for the overview; a failed
/// copy is retried at the next occasion and never stops the command post.
/// </summary>
internal sealed partial class BackupWorker(BackupService backups, Database database, TimeProvider time, VigieServerOptions server, ILogger<BackupWorker> logger) : BackgroundService
{
    private readonly Channel<string> _reasons = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private Dictionary<long, string> _phases = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        database.Feed.Changed += OnChange;
        try
        {
            _phases = await PhasesAsync(stoppingToken).ConfigureAwait(false);
            _reasons.Writer.TryWrite("start");
            var ticks = TickAsync(stoppingToken);
            await foreach (var reason in _reasons.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (reason == "phase" && !await PhaseChangedAsync(stoppingToken).ConfigureAwait(false))
                {
                    continue;
                }

                await CopyAsync(reason, stoppingToken).ConfigureAwait(false);
            }

            await ticks.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            database.Feed.Changed -= OnChange;
        }
    }

    private void OnChange(IncidentChange change)
    {
        if (change.Topic == IncidentService.Topic)
        {
            _reasons.Writer.TryWrite("phase");
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(backups.Options.Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                _reasons.Writer.TryWrite("periodic");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> PhaseChangedAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = await PhasesAsync(stoppingToken).ConfigureAwait(false);
            var changed = now.Any(p => _phases.TryGetValue(p.Key, out var before) && before != p.Value);
            _phases = now;
            return changed;
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            return false;
        }
    }

    private Task<Dictionary<long, string>> PhasesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (await c.QueryAsync<(long Id, string Phase)>("SELECT id, phase FROM incidents").ConfigureAwait(false))
            .ToDictionary(r => r.Id, r => r.Phase), cancellationToken);

    private async Task CopyAsync(string reason, CancellationToken stoppingToken)
    {
        var copy = await backups.CopyAsync(reason, stoppingToken).ConfigureAwait(false);
        if (copy.Check.Ok)
        {
            server.Console?.WriteLine($"vigie: backup copy verified ({reason}): {copy.Path} ({copy.Check.Incidents} incident(s), {copy.Check.Entries} journal entries)");
            Made(logger, copy.Path);
        }
        else
        {
            server.Console?.WriteLine($"vigie: warning: backup copy failed ({reason}): {copy.Check.Problem}");
            Failed(logger, copy.Check.Problem ?? "");
        }

        server.Console?.Flush();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup copy made and verified: {Path}.")]
    private static partial void Made(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup copy failed: {Reason}")]
    private static partial void Failed(ILogger logger, string reason);
}
