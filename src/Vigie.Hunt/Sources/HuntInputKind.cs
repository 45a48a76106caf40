namespace Vigie.Hunt;

/// <summary>The kinds of input the hunt reads.</summary>
public enum HuntInputKind
{
    /// <summary>A Windows event log file (.evtx).</summary>
    Evtx,

    /// <summary>JSON lines (or concatenated JSON objects) of Windows events: Winlogbeat, NXLog, evtx_dump shapes.</summary>
    JsonLines,
}
