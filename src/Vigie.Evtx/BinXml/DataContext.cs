namespace Vigie.Evtx.BinXml;

/// <summary>Where a fragment's root elements sit, which decides how they yield named values.</summary>
internal enum DataContext : byte
{
    /// <summary>The record's own fragment: its root is the <c>Event</c> element.</summary>
    Root,

    /// <summary>Nested fragment whose root elements are children of <c>Event</c>.</summary>
    EventChildren,

    /// <summary>Nested fragment whose root elements are children of <c>EventData</c>.</summary>
    EventData,

    /// <summary>Nested fragment inside <c>UserData</c> (or similar): every leaf element is a named value.</summary>
    Leaves,
}
