using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// The times chronogrammes write: a time of day (<c>Horaire</c>: "02:00", "2h15", "14 h 05") and an offset from DEBEX
/// (<c>H+</c> / <c>Délai</c>: "+00:45", "H+01:30", "45 min", "1 h 30", "90" = 90 minutes, "T+2h"). Offsets and durations
/// are written back as "+01:30" (hours may pass 24: "+26:00").
/// </summary>
public static partial class TimeTexts
{
    /// <summary>A time of day; also a spreadsheet's fraction of a day (0.0833 = 02:00).</summary>
    public static TimeSpan? ParseClock(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (Clock().Match(value) is { Success: true } m)
        {
            var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var seconds = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            return hours < 24 && minutes < 60 && seconds < 60 ? new TimeSpan(hours, minutes, seconds) : null;
        }

        if (double.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1)
        {
            return TimeSpan.FromMinutes(Math.Round(fraction * 24 * 60));
        }

        return null;
    }

    /// <summary>An offset from DEBEX (never negative).</summary>
    public static TimeSpan? ParseOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        value = Prefix().Replace(value, "");
        if (value.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (Colon().Match(value) is { Success: true } c)
        {
            var hours = int.Parse(c.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(c.Groups["m"].Value, CultureInfo.InvariantCulture);
            var seconds = c.Groups["s"].Success ? int.Parse(c.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            return minutes < 60 && seconds < 60 && hours < 24 * 31 ? new TimeSpan(hours, minutes, seconds) : null;
        }

        if (Units().Match(value) is { Success: true } u && (u.Groups["h"].Success || u.Groups["m"].Success))
        {
            var hours = u.Groups["h"].Success ? double.Parse(u.Groups["h"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
            var minutes = u.Groups["m"].Success ? int.Parse(u.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (u.Groups["h"].Success && u.Groups["m"].Success && minutes >= 60)
            {
                return null;
            }

            return hours < 24 * 31 ? TimeSpan.FromMinutes(Math.Round((hours * 60) + minutes)) : null;
        }

        return null;
    }

    /// <summary>A duration ("2 h 30", "150 min", "02:30", "150" = minutes), positive.</summary>
    public static TimeSpan? ParseDuration(string? text) => ParseOffset(text) is { } span && span > TimeSpan.Zero ? span : null;

    /// <summary>"+01:30".</summary>
    public static string FormatOffset(TimeSpan offset)
    {
        var negative = offset < TimeSpan.Zero;
        var d = negative ? -offset : offset;
        var text = string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours:00}:{d.Minutes:00}");
        if (d.Seconds != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $":{d.Seconds:00}");
        }

        return (negative ? "-" : "+") + text;
    }

    /// <summary>"H+01:30" as the cell reads it on screen, to the second when there are seconds.</summary>
    public static string FormatExerciseTime(TimeSpan elapsed) => "H" + FormatOffset(elapsed);

    /// <summary>"02:00".</summary>
    public static string FormatClock(TimeSpan timeOfDay) =>
        string.Create(CultureInfo.InvariantCulture, $"{timeOfDay.Hours:00}:{timeOfDay.Minutes:00}");

    [GeneratedRegex(@"^(?<h>\d{1,2})\s*(?::|h|H|\.)\s*(?<m>\d{2})?(?:\s*(?::)\s*(?<s>\d{2}))?\s*(?:min|mn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(?:[HhTt]\s*)?\+?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?<h>\d{1,3}):(?<m>\d{2})(?::(?<s>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Colon();

    [GeneratedRegex(@"^(?:(?<h>\d{1,3}(?:[.,]\d+)?)\s*(?:h|heures?|hours?|hrs?)\s*)?(?:(?<m>\d{1,4})\s*(?:min(?:utes?)?|mn|'|m)?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Units();
}
