namespace Vigie.Evtx;

/// <summary>The value types of Binary XML substitutions (MS-EVEN6); array types have the 0x80 bit set.</summary>
internal enum EvtxValueType : byte
{
    /// <summary>No value.</summary>
    Null = 0x00,

    /// <summary>UTF-16 string.</summary>
    String = 0x01,

    /// <summary>Code-page (Windows-1252) string.</summary>
    AnsiString = 0x02,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 0x03,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 0x04,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 0x05,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 0x06,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 0x07,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 0x08,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 0x09,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 0x0a,

    /// <summary>32-bit floating point.</summary>
    Real32 = 0x0b,

    /// <summary>64-bit floating point.</summary>
    Real64 = 0x0c,

    /// <summary>Boolean stored on 32 bits.</summary>
    Bool = 0x0d,

    /// <summary>Bytes, shown in hexadecimal.</summary>
    Binary = 0x0e,

    /// <summary>GUID, shown as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}.</summary>
    Guid = 0x0f,

    /// <summary>Pointer-sized integer, shown in hexadecimal.</summary>
    SizeT = 0x10,

    /// <summary>FILETIME, shown in ISO 8601 UTC.</summary>
    FileTime = 0x11,

    /// <summary>SYSTEMTIME, shown in ISO 8601 UTC.</summary>
    SystemTime = 0x12,

    /// <summary>Security identifier, shown as S-1-….</summary>
    Sid = 0x13,

    /// <summary>32-bit integer shown in hexadecimal (0x…).</summary>
    HexInt32 = 0x14,

    /// <summary>64-bit integer shown in hexadecimal (0x…).</summary>
    HexInt64 = 0x15,

    /// <summary>Event handle (not rendered by Windows; shown in hexadecimal).</summary>
    EvtHandle = 0x20,

    /// <summary>Nested Binary XML.</summary>
    BinXml = 0x21,

    /// <summary>Event XML (shown in hexadecimal).</summary>
    EvtXml = 0x23,

    /// <summary>Flag: an array of the base type.</summary>
    ArrayFlag = 0x80,
}
