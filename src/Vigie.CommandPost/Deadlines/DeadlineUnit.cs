namespace Vigie.CommandPost.Deadlines;

/// <summary>Minutes and hours are elapsed time; days and months are calendar time in the hospital's time zone.</summary>
public enum DeadlineUnit
{
    Minutes,
    Hours,
    Days,
    Months,
}
