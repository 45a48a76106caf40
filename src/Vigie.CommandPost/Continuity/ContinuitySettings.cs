using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Continuity;

/// <summary>
/// Settings of continuity of care: the hospital's time zone, in which the journal texts and the dashboard's hours
/// are written (Europe/Paris unless the server is told otherwise).
/// </summary>
public sealed record ContinuitySettings(TimeZoneInfo Zone)
{
    public static ContinuitySettings Paris { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    /// <summary>An instant as the journal writes it: local date and time, to the minute (dd/MM/yyyy HH:mm).</summary>
    public string Text(DateTimeOffset instant) => LocalTimeText.Format(instant, Zone);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
