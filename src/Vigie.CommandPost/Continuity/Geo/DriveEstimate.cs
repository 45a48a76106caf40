namespace Vigie.CommandPost.Continuity.Geo;

/// <summary>
/// A rough drive time from a great-circle distance, for ranking and for the slip, never for navigation:
/// road distance = great-circle distance × <see cref="RoadFactor"/> (1.3, a usual detour index for French roads),
/// driven at <see cref="MeanSpeedKmh"/> (50 km/h, a mix of town and main roads around Lille), rounded up to the minute.
/// </summary>
public static class DriveEstimate
{
    public const double RoadFactor = 1.3;
    public const double MeanSpeedKmh = 50;

    public static double RoadKm(double greatCircleKm) => greatCircleKm * RoadFactor;

    public static int Minutes(double greatCircleKm) =>
        greatCircleKm <= 0 ? 0 : (int)Math.Ceiling(RoadKm(greatCircleKm) / MeanSpeedKmh * 60);
}
