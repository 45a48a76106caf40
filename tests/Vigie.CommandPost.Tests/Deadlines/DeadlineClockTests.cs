using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>
/// Deadline arithmetic in Europe/Paris across the clock changes: hours are elapsed time (72 h is 72 real hours, so
/// the local hour moves by one across a change), days and months are calendar time (same local wall-clock time).
/// 2025: summer time starts Sunday 30 March at 02:00 (→ 03:00), ends Sunday 26 October at 03:00 (→ 02:00).
/// </summary>
public sealed class DeadlineClockTests
{
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset Paris(int year, int month, int day, int hour, int minute = 0) =>
        DeadlineOffset.ToInstant(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), s_paris);

    private static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, s_paris).DateTime;

    private static DeadlineOffset Offset(string text) => DeadlineOffset.Parse("offset", text).Value;

    [Fact]
    public void Hours_AcrossMarchChange_AreElapsedHours_LocalHourMovesForward()
    {
        var detected = Paris(2025, 3, 28, 10); // Friday 10:00 CET (UTC+1) = 09:00 UTC
        Assert.Equal(new DateTimeOffset(2025, 3, 28, 9, 0, 0, TimeSpan.Zero), detected);

        var due = Offset("72h").After(detected, s_paris);

        Assert.Equal(TimeSpan.FromHours(72), due - detected);
        Assert.Equal(new DateTime(2025, 3, 31, 11, 0, 0), Local(due)); // Monday 11:00 CEST, not 10:00
    }

    [Fact]
    public void Hours_AcrossOctoberChange_AreElapsedHours_LocalHourMovesBack()
    {
        var detected = Paris(2025, 10, 24, 10); // Friday 10:00 CEST (UTC+2) = 08:00 UTC

        var due = Offset("72h").After(detected, s_paris);

        Assert.Equal(TimeSpan.FromHours(72), due - detected);
        Assert.Equal(new DateTime(2025, 10, 27, 9, 0, 0), Local(due)); // Monday 09:00 CET
    }

    [Fact]
    public void TwentyFourHours_OverTheShortNight_EndAnHourLaterOnTheClock()
    {
        var detected = Paris(2025, 3, 29, 23, 30);

        var due = Offset("24h").After(detected, s_paris);

        Assert.Equal(new DateTime(2025, 3, 31, 0, 30, 0), Local(due));
        Assert.Equal(TimeSpan.FromHours(24), due - detected);
    }

    [Fact]
    public void TwentyFourHours_OverTheLongNight_EndAnHourEarlierOnTheClock()
    {
        var detected = Paris(2025, 10, 25, 23, 30);

        var due = Offset("24h").After(detected, s_paris);

        Assert.Equal(new DateTime(2025, 10, 26, 22, 30, 0), Local(due));
    }

    [Fact]
    public void Month_AcrossMarchChange_KeepsTheLocalTime_So_IsAnHourShorter()
    {
        var sent = Paris(2025, 3, 10, 10);

        var due = Offset("1 month").After(sent, s_paris);

        Assert.Equal(new DateTime(2025, 4, 10, 10, 0, 0), Local(due));
        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), due - sent);
    }

    [Fact]
    public void Month_AcrossOctoberChange_KeepsTheLocalTime_So_IsAnHourLonger()
    {
        var sent = Paris(2025, 10, 10, 10);

        var due = Offset("1 month").After(sent, s_paris);

        Assert.Equal(new DateTime(2025, 11, 10, 10, 0, 0), Local(due));
        Assert.Equal(TimeSpan.FromDays(31) + TimeSpan.FromHours(1), due - sent);
    }

    [Fact]
    public void Month_LandingInTheSpringGap_MovesForwardByTheGap()
    {
        // 28 March 2027 is the spring change: 02:30 does not exist that night.
        var sent = Paris(2027, 2, 28, 2, 30);

        var due = Offset("1 month").After(sent, s_paris);

        Assert.Equal(new DateTime(2027, 3, 28, 3, 30, 0), Local(due));
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Month_LandingInTheRepeatedAutumnHour_TakesTheEarlierInstant()
    {
        var sent = Paris(2025, 9, 26, 2, 30);

        var due = Offset("1 month").After(sent, s_paris);

        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), due); // 02:30 CEST, the first 02:30
        Assert.Equal(TimeSpan.FromHours(2), s_paris.GetUtcOffset(due));
    }

    [Fact]
    public void Month_FromTheThirtyFirst_EndsOnTheLastDayOfAShorterMonth()
    {
        var due = Offset("1 month").After(Paris(2025, 1, 31, 9), s_paris);

        Assert.Equal(new DateTime(2025, 2, 28, 9, 0, 0), Local(due));
    }

    [Fact]
    public void Days_AcrossMarchChange_KeepTheLocalTime()
    {
        var due = Offset("2 days").After(Paris(2025, 3, 29, 12), s_paris);

        Assert.Equal(new DateTime(2025, 3, 31, 12, 0, 0), Local(due));
        Assert.Equal(TimeSpan.FromHours(47), due - Paris(2025, 3, 29, 12));
    }

    [Fact]
    public void ReminderLeadTimes_CountBackFromTheDeadline_InTheSameUnits()
    {
        var due = Paris(2025, 3, 30, 11); // Sunday 11:00 CEST, hours after the change

        Assert.Equal(new DateTime(2025, 3, 29, 10, 0, 0), Local(Offset("24h").Before(due, s_paris))); // 24 real hours before, across the change
        Assert.Equal(new DateTime(2025, 3, 28, 11, 0, 0), Local(Offset("2 days").Before(due, s_paris)));
    }

    [Theory]
    [InlineData("72h", 72, DeadlineUnit.Hours)]
    [InlineData("0", 0, DeadlineUnit.Hours)]
    [InlineData("0h", 0, DeadlineUnit.Hours)]
    [InlineData("90min", 90, DeadlineUnit.Minutes)]
    [InlineData("7 days", 7, DeadlineUnit.Days)]
    [InlineData("3 jours", 3, DeadlineUnit.Days)]
    [InlineData("1 month", 1, DeadlineUnit.Months)]
    [InlineData("2 mois", 2, DeadlineUnit.Months)]
    public void Parse_ReadsTheUnits(string text, int amount, DeadlineUnit unit)
    {
        var parsed = DeadlineOffset.Parse("offset", text);

        Assert.True(parsed.IsOk, parsed.Problem?.Message);
        Assert.Equal(new DeadlineOffset(amount, unit), parsed.Value);
        Assert.Equal(parsed.Value, DeadlineOffset.Parse("offset", parsed.Value.ToString()).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("72")]
    [InlineData("72 heures et demie")]
    [InlineData("-1h")]
    [InlineData("1 year")]
    public void Parse_WhenNotADuration_SaysWhichField(string text)
    {
        var parsed = DeadlineOffset.Parse("deadlines[cnil].offset", text);

        Assert.False(parsed.IsOk);
        Assert.Contains("deadlines[cnil].offset", parsed.Problem.Message, StringComparison.Ordinal);
    }
}
