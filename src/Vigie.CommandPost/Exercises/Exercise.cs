using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// An exercise incident's scenario and clock. The exercise time ("H+", time since DEBEX) runs from
/// <paramref name="AnchorAt"/> at <paramref name="Speed"/> times real time while the exercise is running, from
/// <paramref name="AnchorElapsed"/>; paused or finished it stands still. Every change of the clock re-anchors it, so the
/// state in the database is all a restarted server needs.
/// </summary>
public sealed record Exercise(
    long IncidentId,
    string IncidentTitle,
    string ScenarioTitle,
    ScenarioLevel Level,
    ExerciseStatus Status,
    int Speed,
    TimeSpan Duration,
    string? StartClock,
    string? Setting,
    string? Summary,
    string SourceName,
    string SourceFormat,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? AnchorAt,
    TimeSpan AnchorElapsed,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public const int MinSpeed = 1;
    public const int MaxSpeed = 60;

    public bool IsRunning => Status == ExerciseStatus.EnCours;

    /// <summary>The exercise time at <paramref name="now"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset now) =>
        IsRunning && AnchorAt is { } anchor && now > anchor ? AnchorElapsed + TimeSpan.FromTicks((now - anchor).Ticks * Speed) : AnchorElapsed;

    /// <summary>
    /// The real instant at which the exercise time reaches <paramref name="elapsed"/>, while it runs: rounded up to the whole
    /// microsecond (what the database stores), so that at that instant <see cref="Elapsed"/> is at least <paramref name="elapsed"/>.
    /// </summary>
    public DateTimeOffset? RealTimeOf(TimeSpan elapsed)
    {
        if (!IsRunning || AnchorAt is not { } anchor)
        {
            return null;
        }

        var micros = Math.Max(0, (elapsed - AnchorElapsed).Ticks + 9) / 10;
        return anchor + TimeSpan.FromTicks((micros + Speed - 1) / Speed * 10);
    }

    /// <summary>The scenario's fictional time of day at that exercise time ("02:45"), when the scenario has a start time.</summary>
    public string? FictionalClock(TimeSpan elapsed) =>
        StartClock is not null && TimeTexts.ParseClock(StartClock) is { } start
            ? TimeTexts.FormatClock(TimeSpan.FromTicks((start + elapsed).Ticks % TimeSpan.TicksPerDay))
            : null;
}
