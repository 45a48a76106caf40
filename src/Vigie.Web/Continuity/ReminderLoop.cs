using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Continuity;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Continuity;

/// <summary>
/// Journals re-evaluation reminders when they fall due: sleeps until the earliest due re-evaluation (at most
/// <see cref="MaxSleep"/>), on the injected <see cref="TimeProvider"/> (tests advance a fake clock), and wakes early when
/// a board changes (a new re-evaluation may be due sooner). A database that is down is retried at the next wake-up.
/// </summary>
internal sealed partial class ReminderLoop(ReevaluationReminders reminders, ChangeFeed feed, TimeProvider time, ILogger<ReminderLoop> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_minSleep = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                using var cycle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(sleep, time, cycle.Token);
                var woken = _wake.WaitAsync(cycle.Token);
                await Task.WhenAny(delay, woken).ConfigureAwait(false);

                // The loser is cancelled: a cancelled wait takes no signal, a cancelled delay is just dropped.
                await cycle.CancelAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            feed.Changed -= OnChanged;
        }
    }

    private async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
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
                return until < s_minSleep ? s_minSleep : until < MaxSleep ? until : MaxSleep;
            }
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            LogUnavailable(e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        return MaxSleep;
    }

    private void OnChanged(IncidentChange change)
    {
        if (change.Topic == ContinuityTopics.Services && _wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Journaled {Count} re-evaluation reminder(s).")]
    private partial void LogReminders(int count);

    [LoggerMessage(LogLevel.Warning, "Re-evaluation reminders postponed: {Message}")]
    private partial void LogUnavailable(string message);
}
