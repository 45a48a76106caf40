using System.Globalization;
using Microsoft.Extensions.Localization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;

namespace Vigie.Web.Deadlines;

/// <summary>How a deadline reads on a page: time left or late, the same words as deadlines.js writes live.</summary>
internal static class DeadlineDisplay
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Wire(DeadlineStatus status) => WireName<DeadlineStatus>.Of(status);

    /// <summary>"reste 3 h 05" / "dépassée de 2 h 10" / "sans délai" / "—".</summary>
    public static string Left(IncidentDeadline deadline, DateTimeOffset now, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(t);
        if (deadline.Sent is not null || deadline.DueAt is not { } due)
        {
            return "—";
        }

        if (deadline.Rule.WithoutDelay)
        {
            return t["WithoutDelay"];
        }

        var left = due - now;
        return left >= TimeSpan.Zero ? t["Left", LocalTimeText.Duration(left, English)] : t["Late", LocalTimeText.Duration(-left, English)];
    }

    /// <summary>The ISO instant deadlines.js counts down to, or null when nothing is counting.</summary>
    public static string? CountdownTo(IncidentDeadline deadline) =>
        deadline.Sent is null && !deadline.Rule.WithoutDelay && deadline.DueAt is { } due && deadline.Applicability != Applicability.NotApplicable
            ? due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    public static string? Iso(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
