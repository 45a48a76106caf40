using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Exercises;

/// <summary>
/// The exercise clock: delivers each stimulus when its exercise time comes. Sleeps on the injected
/// <see cref="TimeProvider"/> (tests advance a fake clock) until the next stimulus of any running exercise falls due (at most
/// <see cref="MaxSleep"/>), and wakes at once when an exercise changes (DEBEX, pause, speed, a shift, an added stimulus).
/// All its state is in the database, so a restarted server goes on where it was (stimuli due meanwhile are delivered at
/// once, in order). Artefacts of technical stimuli go to the hunt on a second loop, so a hunt never delays a delivery.
/// </summary>
internal sealed partial class ExerciseClockWorker(ExerciseService exercises, ChangeFeed feed, TimeProvider time, ILogger<ExerciseClockWorker> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_minSleep = TimeSpan.FromMilliseconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _sleepingUntilTicks;

    /// <summary>When the worker is asleep: the instant (on its clock) it will wake at; null while it works. Tests on a fake clock wait for it before moving time.</summary>
    internal DateTimeOffset? SleepingUntil => Interlocked.Read(ref _sleepingUntilTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    private readonly Channel<DeliveredStimulus> _hunts = Channel.CreateUnbounded<DeliveredStimulus>(new UnboundedChannelOptions { SingleReader = true });

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.Changed += OnChanged;
        var hunts = Task.Run(() => HuntLoopAsync(stoppingToken), stoppingToken);
        try
        {
            try
            {
                foreach (var pending in await exercises.PendingHuntsAsync(stoppingToken).ConfigureAwait(false))
                {
                    _hunts.Writer.TryWrite(pending);
                }
            }
            catch (Exception e) when (Database.IsUnavailable(e))
            {
                LogUnavailable(e.Message);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                // The instant to wake at, measured from the clock read just before the timer is set: the clock may have
                // moved while the round ran (a fake clock in tests, moved once it saw the previous sleep), and a sleep
                // measured before that would wake past the instant (the test then waited for ever for a stimulus).
                var wakeAt = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                var before = time.GetUtcNow();
                if (wakeAt <= before)
                {
                    continue;
                }

                using var cycle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(wakeAt - before, time, cycle.Token);

                // A timer runs from the clock as it is when it is created: had the clock moved between the read above and
                // the creation (a test moving its fake clock on a wake-up instant it read just before a change cut that
                // sleep short), it would wake past the instant. When the clock has moved, the timer is set again from it.
                for (var tries = 0; tries < 3 && time.GetUtcNow() is var now && now - before > TimeSpan.FromMilliseconds(1); tries++)
                {
                    if (now >= wakeAt)
                    {
                        delay = Task.CompletedTask;
                        break;
                    }

                    before = now;
                    delay = Task.Delay(wakeAt - now, time, cycle.Token);
                }

                Interlocked.Exchange(ref _sleepingUntilTicks, wakeAt.UtcTicks);
                var woken = _wake.WaitAsync(cycle.Token);
                await Task.WhenAny(delay, woken).ConfigureAwait(false);
                Interlocked.Exchange(ref _sleepingUntilTicks, 0);
                await cycle.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.Changed -= OnChanged;
            _hunts.Writer.TryComplete();
            try
            {
                await hunts.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Delivers what is due; returns the instant to wake at (now or before: look again at once).</summary>
    private async Task<DateTimeOffset> RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var delivered = await exercises.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            foreach (var stimulus in delivered)
            {
                LogDelivered(stimulus.Number, stimulus.IncidentId);
                if (stimulus.HasArtifact)
                {
                    _hunts.Writer.TryWrite(stimulus);
                }
            }

            if (await exercises.NextDueAsync(stoppingToken).ConfigureAwait(false) is { } next)
            {
                var now = time.GetUtcNow();
                if (next <= now)
                {
                    // Due now: look again at once, unless this round delivered nothing (never spin).
                    return delivered.Count > 0 ? now : now + s_minSleep;
                }

                return next - now < MaxSleep ? next : now + MaxSleep;
            }
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            LogUnavailable(e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        return time.GetUtcNow() + MaxSleep;
    }

    private async Task HuntLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var stimulus in _hunts.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var findings = await exercises.HuntAsync(stimulus.IncidentId, stimulus.StimulusId, stoppingToken).ConfigureAwait(false);
                LogHunted(stimulus.Number, stimulus.IncidentId, findings ?? 0);
            }
            catch (Exception e) when (Database.IsUnavailable(e))
            {
                LogUnavailable(e.Message);
            }
        }
    }

    private void OnChanged(IncidentChange change)
    {
        if (change.Topic == ExerciseTopics.Exercise && _wake.CurrentCount == 0)
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

    [LoggerMessage(LogLevel.Debug, "Exercise {Incident}: stimulus {Number} delivered.")]
    private partial void LogDelivered(string number, long incident);

    [LoggerMessage(LogLevel.Information, "Exercise {Incident}: hunt on stimulus {Number}'s artefact, {Findings} finding(s).")]
    private partial void LogHunted(string number, long incident, long findings);

    [LoggerMessage(LogLevel.Warning, "Exercise clock postponed: {Message}")]
    private partial void LogUnavailable(string message);
}
