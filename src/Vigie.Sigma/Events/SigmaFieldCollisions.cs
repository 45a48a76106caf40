namespace Vigie.Sigma;

/// <summary>
/// Which value a rule reads when an event has a field of the same name both in its System header and in its
/// data (<c>EventData</c>/<c>UserData</c>): the data's, except for the names listed here, which keep System's.
/// </summary>
/// <remarks>
/// SigmaHQ rules that name such a field mean the data's value: "Eventlog Cleared" and "Important Windows
/// Eventlog Cleared" read event 104's UserData <c>Channel</c> (the log that was cleared), not the System
/// channel the event was written to (always <c>System</c>). The exceptions are the fields every rule means as
/// the header's: <c>EventID</c> (the event's id, which also chooses the rules an event meets) and <c>Level</c>
/// (its severity: "Relevant Anti-Virus Signature Keywords In Application Log", the MSMQ and KDC exploit rules).
/// On the shared corpus the only collisions are event 104's <c>Channel</c> (2 events) and a <c>Version</c> in
/// Sysmon event 4 and RDP event 162 data (no rule reads <c>Version</c>).
/// </remarks>
public static class SigmaFieldCollisions
{
    /// <summary>True when System's value wins over a data value of the same name (<c>EventID</c>, <c>Level</c>).</summary>
    public static bool SystemWins(string name) =>
        string.Equals(name, "EventID", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Level", StringComparison.OrdinalIgnoreCase);
}
