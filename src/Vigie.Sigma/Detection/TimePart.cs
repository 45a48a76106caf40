namespace Vigie.Sigma.Detection;

/// <summary>The part of a date and time that a time modifier compares.</summary>
internal enum TimePart
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}
