namespace Vigie.CommandPost.Common;

/// <summary>The instants of one journal text (<see cref="HospitalClock.ForText"/>): the zone is stated once, at the first.</summary>
public sealed class JournalTimes(HospitalClock clock)
{
    private bool _zoneStated;

    /// <summary>"11/02/2024 05:40 (heure de Paris)" the first time, "11/02/2024 05:40" afterwards.</summary>
    public string At(DateTimeOffset instant)
    {
        if (_zoneStated)
        {
            return clock.Text(instant);
        }

        _zoneStated = true;
        return clock.TextWithZone(instant);
    }
}
