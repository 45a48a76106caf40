using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Deadlines;

/// <summary>
/// Writes due deadline reminders to the journal once a minute (on the host's <see cref="TimeProvider"/>, so tests
/// drive it with a fake clock). Each written reminder is a journal entry and a live change: open pages turn amber or red.
/// A database that is down, or any failure, is retried at the next tick.
/// </summary>
internal sealed partial class DeadlineReminderWorker(DeadlineService deadlines, TimeProvider time, ILogger<DeadlineReminderWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var written = await deadlines.EmitRemindersAsync(stoppingToken).ConfigureAwait(false);
                if (written > 0)
                {
                    Written(logger, written);
                }
            }
            catch (Exception e) when (Database.IsUnavailable(e))
            {
                Unavailable(logger, e.Message);
            }
#pragma warning disable CA1031 // a reminder that fails must never stop the command post; it is logged and retried
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
#pragma warning restore CA1031
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline reminders written to the journal: {Count}.")]
    private static partial void Written(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline reminders failed; retrying at the next tick.")]
    private static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline reminders postponed, the database is unavailable: {Reason}")]
    private static partial void Unavailable(ILogger logger, string reason);
}
