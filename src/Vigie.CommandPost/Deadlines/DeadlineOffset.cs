using System.Globalization;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// A legal delay: elapsed time (minutes, hours: "72h" is 72 real hours, whatever the clocks do) or calendar time
/// (days, months: "1 month" is the same local time on the same day of the next month in the hospital's time zone).
/// Zero means "without delay": due as soon as the start event has happened.
/// </summary>
public readonly partial record struct DeadlineOffset(int Amount, DeadlineUnit Unit)
{
    public static DeadlineOffset Zero => new(0, DeadlineUnit.Hours);

    public bool IsZero => Amount == 0;

    public bool IsCalendar => Unit is DeadlineUnit.Days or DeadlineUnit.Months;

    /// <summary>Reads "72h", "90min", "0", "7 days", "1 month", "2 mois", "3 jours".</summary>
    public static Result<DeadlineOffset> Parse(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem.Invalid(field, ProblemCode.DurationRequired, field);
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
        {
            return Problem.Invalid(field, ProblemCode.DurationInvalid, field, text);
        }

        var unit = match.Groups["u"].Value.ToLowerInvariant() switch
        {
            "" or "h" or "hour" or "hours" or "heure" or "heures" => DeadlineUnit.Hours,
            "min" or "minute" or "minutes" => DeadlineUnit.Minutes,
            "d" or "day" or "days" or "j" or "jour" or "jours" => DeadlineUnit.Days,
            _ => DeadlineUnit.Months,
        };
        if (match.Groups["u"].Value.Length == 0 && amount != 0)
        {
            return Problem.Invalid(field, ProblemCode.DurationNeedsUnit, field, text);
        }

        return new DeadlineOffset(amount, unit);
    }

    /// <summary>The instant this delay after <paramref name="start"/>, computed in <paramref name="zone"/> for calendar units.</summary>
    public DateTimeOffset After(DateTimeOffset start, TimeZoneInfo zone) => Shift(start, zone, 1);

    /// <summary>The instant this delay before <paramref name="end"/> (a reminder's lead time).</summary>
    public DateTimeOffset Before(DateTimeOffset end, TimeZoneInfo zone) => Shift(end, zone, -1);

    private DateTimeOffset Shift(DateTimeOffset instant, TimeZoneInfo zone, int sign)
    {
        ArgumentNullException.ThrowIfNull(zone);
        switch (Unit)
        {
            case DeadlineUnit.Minutes:
                return instant.ToUniversalTime().AddMinutes(sign * Amount);
            case DeadlineUnit.Hours:
                return instant.ToUniversalTime().AddHours(sign * Amount);
            default:
                var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
                var shifted = Unit == DeadlineUnit.Days ? local.AddDays(sign * Amount) : local.AddMonths(sign * Amount);
                return ToInstant(DateTime.SpecifyKind(shifted, DateTimeKind.Unspecified), zone);
        }
    }

    /// <summary>
    /// A wall-clock time of <paramref name="zone"/> as an instant. A time skipped by the spring change moves forward
    /// by the gap (02:30 becomes 03:30); a time repeated by the autumn change takes the earlier instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-6)); // the offset in force before the gap
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max(); // larger offset: earlier instant
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified) - offset, TimeSpan.Zero);
    }

    /// <summary>Back to the YAML form: "72h", "90min", "7 days", "1 month".</summary>
    public override string ToString() => Unit switch
    {
        DeadlineUnit.Minutes => string.Create(CultureInfo.InvariantCulture, $"{Amount}min"),
        DeadlineUnit.Hours => string.Create(CultureInfo.InvariantCulture, $"{Amount}h"),
        DeadlineUnit.Days => string.Create(CultureInfo.InvariantCulture, $"{Amount} {(Amount == 1 ? "day" : "days")}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Amount} {(Amount == 1 ? "month" : "months")}"),
    };

    /// <summary>For people, in French ("72 h", "1 mois", "sans délai") or English.</summary>
    public string Describe(bool english) => (Unit, english) switch
    {
        _ when IsZero => english ? "without delay" : "sans délai",
        (DeadlineUnit.Minutes, _) => string.Create(CultureInfo.InvariantCulture, $"{Amount} min"),
        (DeadlineUnit.Hours, _) => string.Create(CultureInfo.InvariantCulture, $"{Amount} h"),
        (DeadlineUnit.Days, false) => string.Create(CultureInfo.InvariantCulture, $"{Amount} jour{(Amount > 1 ? "s" : "")}"),
        (DeadlineUnit.Days, true) => string.Create(CultureInfo.InvariantCulture, $"{Amount} day{(Amount > 1 ? "s" : "")}"),
        (_, false) => string.Create(CultureInfo.InvariantCulture, $"{Amount} mois"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Amount} month{(Amount > 1 ? "s" : "")}"),
    };

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<u>min|minutes?|h|hours?|heures?|d|days?|j|jours?|months?|mois|)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
