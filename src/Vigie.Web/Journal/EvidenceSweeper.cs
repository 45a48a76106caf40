using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.Web.Journal;

/// <summary>
/// Removes stored evidence that no journal entry refers to (an upload whose entry was refused or never sent) once it is
/// older than <see cref="EvidenceService.SweepGrace"/>: at start, then every six hours. Content an entry carries is never
/// touched (the database refuses it).
/// </summary>
internal sealed partial class EvidenceSweeper(EvidenceService evidence, TimeProvider time, ILogger<EvidenceSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan s_every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_every, time);
        do
        {
            try
            {
                var removed = await evidence.SweepAsync(EvidenceService.SweepGrace, stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    LogSwept(logger, removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message); // the database may be away; the next round tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence: {Count} stored files no entry refers to were removed.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence: the sweep of unreferenced files failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
