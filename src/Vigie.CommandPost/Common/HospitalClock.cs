using System.Globalization;

namespace Vigie.CommandPost.Common;

/// <summary>
/// The hospital's clock: the time (an injected <see cref="TimeProvider"/>, fake in tests) and the hospital's time zone
/// (Europe/Paris unless configured), in which people read every instant: pages, journal texts, drafts, slips, reports.
/// Instants are stored in UTC; this is the one place that knows the zone. Registered once by <c>AddCommandPost</c>.
/// </summary>
public sealed class HospitalClock(TimeZoneInfo zone, TimeProvider time)
{
    public const string DefaultZone = "Europe/Paris";

    public TimeZoneInfo Zone { get; } = zone;

    public TimeProvider Time { get; } = time;

    /// <summary>Europe/Paris on <paramref name="time"/> (the system clock when null).</summary>
    public static HospitalClock Paris(TimeProvider? time = null) => new(TimeZoneInfo.FindSystemTimeZoneById(DefaultZone), time ?? TimeProvider.System);

    public DateTimeOffset GetUtcNow() => Time.GetUtcNow();

    /// <summary>The instant in the hospital's zone.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>An instant as the journal writes it: local date and time, to the minute ("11/02/2024 05:40").</summary>
    public string Text(DateTimeOffset instant) => LocalTimeText.Format(instant, Zone);

    /// <summary>"11/02/2024 05:40 (heure de Paris)", or the zone's id elsewhere.</summary>
    public string TextWithZone(DateTimeOffset instant) => LocalTimeText.WithZone(instant, Zone);

    /// <summary>"11/02/2024 05:40:12 (heure de Paris)": an instant to the second in a journal text (a detection's time).</summary>
    public string PreciseTextWithZone(DateTimeOffset instant) => $"{Format(instant)} ({LocalTimeText.ZoneName(Zone)})";

    /// <summary>
    /// Instants for one journal text: the first states the zone ("11/02/2024 05:40 (heure de Paris)"), the next ones do
    /// not ("12/02/2024 05:40"), so a reader is never in doubt and a sentence is not weighed down.
    /// </summary>
    public JournalTimes ForText() => new(this);

    /// <summary>An instant on a page, to the second ("11/02/2024 05:40:12").</summary>
    public string Format(DateTimeOffset instant) => Local(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>An instant in a narrow column ("11/02 05:40").</summary>
    public string Short(DateTimeOffset instant) => Local(instant).ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of an &lt;input type="datetime-local"&gt; for this instant.</summary>
    public string InputValue(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads an &lt;input type="datetime-local"&gt; value typed in the hospital's time zone.</summary>
    public DateTimeOffset? ParseInput(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        // Far outside any crisis (year 1, year 9999) a time zone's offset would overflow: unreadable, like a typo.
        if (local.Year is < 1900 or > 9000)
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
