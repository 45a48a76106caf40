using System.Globalization;

namespace Vigie.CommandPost.Common;

/// <summary>Instants as the crisis cell reads them in journal texts and drafts: local date and time of the hospital's zone.</summary>
public static class LocalTimeText
{
    /// <summary>"11/02/2024 05:40".</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"11/02/2024 05:40 (heure de Paris)", or the zone's id elsewhere.</summary>
    public static string WithZone(DateTimeOffset instant, TimeZoneInfo zone) => $"{Format(instant, zone)} ({ZoneName(zone)})";

    /// <summary>How people name the zone: "heure de Paris" ("Paris time" in English), or the zone's id elsewhere ("America/Cayenne").</summary>
    public static string ZoneName(TimeZoneInfo zone, bool english = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Id is "Europe/Paris" or "Romance Standard Time" ? (english ? "Paris time" : "heure de Paris") : zone.Id;
    }

    /// <summary>A duration for people: "3 h 05", "2 j 4 h", "12 min" (French) or "3 h 05", "2 d 4 h", "12 min".</summary>
    public static string Duration(TimeSpan span, bool english = false)
    {
        var negative = span < TimeSpan.Zero;
        var d = negative ? -span : span;
        var text = d.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} {(english ? "d" : "j")} {d.Hours} h")
            : d.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00}")
                : string.Create(CultureInfo.InvariantCulture, $"{d.Minutes} min");
        return negative ? "-" + text : text;
    }
}
