using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Reports;

/// <summary>What a contributor needs to add to a report or a draft: the incident, the reader's language, the hospital's time zone, now.</summary>
public sealed record ReportContext(Incident Incident, CultureInfo Culture, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public bool English => Culture.TwoLetterISOLanguageName == "en";

    /// <summary>An instant as the hospital reads it: dd/MM/yyyy HH:mm in its time zone.</summary>
    public string Format(DateTimeOffset instant) => LocalTimeText.Format(instant, Zone);
}
