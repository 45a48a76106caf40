using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Vigie.Evtx.Values;

namespace Vigie.Evtx;

/// <summary>
/// One value of a record as it is stored, read without building its text (<see cref="EvtxRecord.GetValue"/>,
/// <see cref="EvtxRecord.TryGetSystemValue"/>): numbers as numbers, strings as the characters in the record. Like the
/// record's spans, it is valid until the reader moves on.
/// </summary>
public readonly ref struct EvtxValue
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly ReadOnlySpan<char> _chars;
    private readonly EvtxValueType _type;

    private EvtxValue(EvtxValueKind kind, EvtxValueType type, ReadOnlySpan<byte> bytes, ReadOnlySpan<char> chars)
    {
        Kind = kind;
        _type = type;
        _bytes = bytes;
        _chars = chars;
    }

    /// <summary>What the value holds.</summary>
    public EvtxValueKind Kind { get; }

    /// <summary>The value's bytes as stored (little-endian); empty for <see cref="EvtxValueKind.Text"/>.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The characters of a <see cref="EvtxValueKind.String"/> or a <see cref="EvtxValueKind.Text"/>; empty otherwise.</summary>
    public ReadOnlySpan<char> Chars => _chars;

    internal static EvtxValue Empty => new(EvtxValueKind.Empty, EvtxValueType.Null, default, default);

    internal static EvtxValue FromText(ReadOnlySpan<char> text) => new(EvtxValueKind.Text, EvtxValueType.Null, default, text);

    /// <summary>A scalar substitution value (not an array), of the kind its text shows (see <see cref="ValueFormatter.FormatAscii"/>).</summary>
    internal static EvtxValue FromScalar(EvtxValueType type, ReadOnlySpan<byte> data)
    {
        var kind = (type, data.Length) switch
        {
            (EvtxValueType.Null or EvtxValueType.BinXml, _) => EvtxValueKind.Empty,
            (EvtxValueType.String, _) => EvtxValueKind.String,
            (EvtxValueType.AnsiString, _) => EvtxValueKind.AnsiString,
            (EvtxValueType.Int8, 1) or (EvtxValueType.Int16, 2) or (EvtxValueType.Int32, 4) or (EvtxValueType.Int64, 8) => EvtxValueKind.Integer,
            (EvtxValueType.UInt8, 1) or (EvtxValueType.UInt16, 2) or (EvtxValueType.UInt32, 4) or (EvtxValueType.UInt64, 8) => EvtxValueKind.Unsigned,
            (EvtxValueType.SizeT, 4 or 8) or (EvtxValueType.HexInt32, 4) or (EvtxValueType.HexInt64, 8) => EvtxValueKind.Hexadecimal,
            (EvtxValueType.Real32, 4) or (EvtxValueType.Real64, 8) => EvtxValueKind.Real,
            (EvtxValueType.Bool, 1 or 2 or 4 or 8) => EvtxValueKind.Boolean,
            (EvtxValueType.Guid, 16) => EvtxValueKind.Guid,
            (EvtxValueType.FileTime, 8) or (EvtxValueType.SystemTime, 16) => EvtxValueKind.Time,
            (EvtxValueType.Sid, _) when ValueFormatter.TrySidLength(data, out var length) && length == data.Length => EvtxValueKind.Sid,
            _ => EvtxValueKind.Binary,
        };

        return kind switch
        {
            EvtxValueKind.Empty => Empty,
            EvtxValueKind.String => new(kind, type, data, ValueFormatter.TrimNul(MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1)))),
            _ => new(kind, type, data, default),
        };
    }

    /// <summary>A <see cref="EvtxValueKind.Integer"/>, or an unsigned one that fits.</summary>
    public bool TryGetInt64(out long value)
    {
        switch (Kind)
        {
            case EvtxValueKind.Integer:
                value = _type switch
                {
                    EvtxValueType.Int8 => (sbyte)_bytes[0],
                    EvtxValueType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(_bytes),
                    EvtxValueType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(_bytes),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(_bytes),
                };
                return true;
            case EvtxValueKind.Unsigned or EvtxValueKind.Hexadecimal when TryGetUInt64(out var unsigned) && unsigned <= long.MaxValue:
                value = (long)unsigned;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>An <see cref="EvtxValueKind.Unsigned"/> or a <see cref="EvtxValueKind.Hexadecimal"/>, or a signed integer that is not negative.</summary>
    public bool TryGetUInt64(out ulong value)
    {
        switch (Kind)
        {
            case EvtxValueKind.Unsigned or EvtxValueKind.Hexadecimal:
                value = _bytes.Length switch
                {
                    1 => _bytes[0],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(_bytes),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(_bytes),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(_bytes),
                };
                return true;
            case EvtxValueKind.Integer when TryGetInt64(out var signed) && signed >= 0:
                value = (ulong)signed;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>A <see cref="EvtxValueKind.Real"/>.</summary>
    public bool TryGetDouble(out double value)
    {
        value = Kind != EvtxValueKind.Real ? 0
            : _type == EvtxValueType.Real32 ? BinaryPrimitives.ReadSingleLittleEndian(_bytes)
            : BinaryPrimitives.ReadDoubleLittleEndian(_bytes);
        return Kind == EvtxValueKind.Real;
    }

    /// <summary>A <see cref="EvtxValueKind.Boolean"/>: true when any of its bytes is not zero, as Windows shows it.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = Kind == EvtxValueKind.Boolean && _bytes.IndexOfAnyExcept((byte)0) >= 0;
        return Kind == EvtxValueKind.Boolean;
    }

    /// <summary>A <see cref="EvtxValueKind.Guid"/>.</summary>
    public bool TryGetGuid(out Guid value)
    {
        value = Kind == EvtxValueKind.Guid ? new Guid(_bytes) : default;
        return Kind == EvtxValueKind.Guid;
    }

    /// <summary>A <see cref="EvtxValueKind.Time"/> as a UTC date; false also for a SYSTEMTIME that is no date (its text still shows its numbers).</summary>
    public bool TryGetDateTime(out DateTime value)
    {
        value = default;
        if (Kind != EvtxValueKind.Time)
        {
            return false;
        }

        if (_type == EvtxValueType.FileTime)
        {
            value = EvtxRecord.FileTimeToDateTime(BinaryPrimitives.ReadUInt64LittleEndian(_bytes));
            return true;
        }

        Span<int> parts = stackalloc int[8];
        for (var i = 0; i < 8; i++)
        {
            parts[i] = BinaryPrimitives.ReadUInt16LittleEndian(_bytes.Slice(i * 2));
        }

        // year, month, day of week, day, hour, minute, second, millisecond
        if (parts[0] is < 1 or > 9999 || parts[1] is < 1 or > 12 || parts[3] < 1 || parts[3] > DateTime.DaysInMonth(parts[0], parts[1])
            || parts[4] > 23 || parts[5] > 59 || parts[6] > 59 || parts[7] > 999)
        {
            return false;
        }

        value = new DateTime(parts[0], parts[1], parts[3], parts[4], parts[5], parts[6], parts[7], DateTimeKind.Utc);
        return true;
    }
}
