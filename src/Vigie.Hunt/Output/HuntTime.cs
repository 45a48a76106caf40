using System.Globalization;

namespace Vigie.Hunt;

/// <summary>Timestamps as the outputs write them: ISO 8601, UTC, 100 ns precision trimmed to what is there.</summary>
public static class HuntTime
{
    /// <summary><c>2019-08-14T14:06:44.4956748Z</c>.</summary>
    public static string Format(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses what <see cref="Format"/> writes (any ISO 8601 with a zone), as UTC.</summary>
    public static bool TryParse(string? text, out DateTime time)
    {
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
        {
            time = DateTime.SpecifyKind(time, DateTimeKind.Utc);
            return true;
        }

        return false;
    }
}
