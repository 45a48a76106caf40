using System.Globalization;

namespace Vigie.Web.Hosting;

/// <summary>Shows stored UTC instants in the hospital's time zone (Europe/Paris unless configured).</summary>
public sealed class DisplayTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public string Format(DateTimeOffset utc) => Local(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public string Short(DateTimeOffset utc) => Local(utc).ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of an &lt;input type="datetime-local"&gt; for this instant.</summary>
    public string InputValue(DateTimeOffset utc) => Local(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads an &lt;input type="datetime-local"&gt; value typed in the hospital's time zone.</summary>
    public DateTimeOffset? ParseInput(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
