using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Continuity;

/// <summary>
/// Journals re-evaluation reminders when they fall due: sleeps until the earliest due re-evaluation (at most
/// <see cref="MaxSleep"/>, so new ones are picked up), on the injected <see cref="TimeProvider"/> (tests advance a fake
/// clock). A database that is down is retried at the next wake-up.
/// </summary>
internal sealed partial class ReminderLoop(ReevaluationReminders reminders, TimeProvider time, ILogger<ReminderLoop> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_minSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = MaxSleep;
            try
            {
                var written = await reminders.RunDueAsync(stoppingToken).ConfigureAwait(false);
                if (written > 0)
                {
                    LogReminders(written);
                }

                if (await reminders.NextDueAsync(stoppingToken).ConfigureAwait(false) is { } next)
                {
                    var until = next - time.GetUtcNow();
                    sleep = until < s_minSleep ? s_minSleep : until < MaxSleep ? until : MaxSleep;
                }
            }
            catch (Exception e) when (Database.IsUnavailable(e))
            {
                LogUnavailable(e.Message);
            }

            try
            {
                await Task.Delay(sleep, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Journaled {Count} re-evaluation reminder(s).")]
    private partial void LogReminders(int count);

    [LoggerMessage(LogLevel.Warning, "Re-evaluation reminders postponed: {Message}")]
    private partial void LogUnavailable(string message);
}
