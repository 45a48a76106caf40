using System.Globalization;

namespace Vigie.CommandPost.Common;

/// <summary>
/// How instants are stored: whole microseconds since the Unix epoch, UTC (bigint on both databases), so a value
/// read back is bit-for-bit the one written and hashed.
/// </summary>
public static class Time
{
    public static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);

    /// <summary>The instant cut to whole microseconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => FromMicros(ToMicros(value));

    /// <summary>The canonical text of an instant: UTC, six fractional digits, <c>Z</c>.</summary>
    public static string Canonical(DateTimeOffset value) =>
        Truncate(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
