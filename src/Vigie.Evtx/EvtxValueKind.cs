namespace Vigie.Evtx;

/// <summary>
/// What an <see cref="EvtxValue"/> holds, as its text shows it: a value whose stored size does not fit its type is
/// <see cref="Binary"/>, because that is how it is rendered (upper-case hexadecimal).
/// </summary>
public enum EvtxValueKind : byte
{
    /// <summary>Nothing (a null value, an empty element, nested XML that has no text of its own).</summary>
    Empty,

    /// <summary>Text written in the template itself, or a value of several parts: <see cref="EvtxValue.Chars"/>.</summary>
    Text,

    /// <summary>A UTF-16 string stored in the record: <see cref="EvtxValue.Chars"/> (trailing NULs removed).</summary>
    String,

    /// <summary>A string in the file's code page: <see cref="EvtxValue.Bytes"/> (the text decodes them).</summary>
    AnsiString,

    /// <summary>A signed integer of 8 to 64 bits, shown in decimal: <see cref="EvtxValue.TryGetInt64"/>.</summary>
    Integer,

    /// <summary>An unsigned integer of 8 to 64 bits, shown in decimal: <see cref="EvtxValue.TryGetUInt64"/>.</summary>
    Unsigned,

    /// <summary>An unsigned integer shown in hexadecimal (<c>0x…</c>; HexInt32, HexInt64, size_t): <see cref="EvtxValue.TryGetUInt64"/>.</summary>
    Hexadecimal,

    /// <summary>A 32- or 64-bit floating-point number: <see cref="EvtxValue.TryGetDouble"/>.</summary>
    Real,

    /// <summary>A boolean: <see cref="EvtxValue.TryGetBoolean"/>.</summary>
    Boolean,

    /// <summary>A GUID: <see cref="EvtxValue.TryGetGuid"/>.</summary>
    Guid,

    /// <summary>A FILETIME or SYSTEMTIME: <see cref="EvtxValue.TryGetDateTime"/>.</summary>
    Time,

    /// <summary>A security identifier in its binary form: <see cref="EvtxValue.Bytes"/> (the text is <c>S-1-…</c>).</summary>
    Sid,

    /// <summary>Bytes shown in hexadecimal: binary data, and any value whose size does not fit its type.</summary>
    Binary,
}
