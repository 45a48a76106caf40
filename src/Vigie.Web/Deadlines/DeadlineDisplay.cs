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

    /// <summary>
    /// The status as a badge reads: "à venir", "SANS DÉLAI"... and, for a "without delay" notification that was sent,
    /// how long after its start it went ("envoyée 21 h 00 après le départ"): never "on time".
    /// </summary>
    public static string Status(IncidentDeadline deadline, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(t);
        return deadline.SentAfterStart is { } after
            ? t["Status_envoyee_apres", LocalTimeText.Duration(after, English)]
            : t["Status_" + Wire(deadline.Status)];
    }

    /// <summary>The due time as a line reads: "sans délai (depuis le …)", a time, or "en attente"; says when the clock counts from the detection meanwhile.</summary>
    public static string Due(IncidentDeadline deadline, IStringLocalizer t, HospitalClock times)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(times);
        if (deadline.DueAt is not { } due)
        {
            return t["WaitingStart"];
        }

        var text = deadline.Rule.WithoutDelay ? t["WithoutDelaySince", times.Format(due)].Value : times.Format(due);
        return deadline.StartAssumed ? t["DueFromDetection", text] : text;
    }

    /// <summary>The ISO instant deadlines.js counts down to, or null when nothing is counting.</summary>
    public static string? CountdownTo(IncidentDeadline deadline) =>
        deadline.Sent is null && !deadline.Rule.WithoutDelay && deadline.DueAt is { } due && deadline.Applicability != Applicability.NotApplicable
            ? due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    public static string? Iso(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
