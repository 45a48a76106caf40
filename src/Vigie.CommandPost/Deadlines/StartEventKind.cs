namespace Vigie.CommandPost.Deadlines;

/// <summary>Where a start event's time comes from: the incident's detection, the crisis cell, or the sending of another notification.</summary>
public enum StartEventKind
{
    Detection,
    Manual,
    Sent,
}
