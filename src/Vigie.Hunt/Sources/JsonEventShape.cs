namespace Vigie.Hunt.Sources;

/// <summary>The JSON shapes of Windows events the hunt reads.</summary>
internal enum JsonEventShape
{
    /// <summary>Not recognised yet.</summary>
    Unknown,

    /// <summary><c>evtx_dump</c>: <c>Event.System</c>, <c>Event.EventData</c>, <c>#attributes</c>.</summary>
    EvtxDump,

    /// <summary>Winlogbeat (Elastic Common Schema): <c>winlog.channel</c>, <c>winlog.event_data.X</c>, <c>@timestamp</c>.</summary>
    Winlogbeat,

    /// <summary>NXLog <c>to_json()</c> and other flat shapes: <c>EventID</c>, <c>Channel</c>, <c>Hostname</c>, event data at the top level.</summary>
    Flat,
}
