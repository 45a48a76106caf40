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
    // Small on purpose (a span and two bytes): a value is handed over per field, by value.
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly EvtxValueKind _kind;
    private readonly EvtxValueType _type;

    private EvtxValue(EvtxValueKind kind, EvtxValueType type, ReadOnlySpan<byte> bytes)
    {
        _kind = kind;
        _type = type;
        _bytes = bytes;
    }

    /// <summary>What the value holds.</summary>
    public EvtxValueKind Kind => _kind;

    /// <summary>
    /// The value's bytes as stored (little-endian); for a <see cref="EvtxValueKind.String"/> or a
    /// <see cref="EvtxValueKind.Text"/>, the UTF-16 bytes of <see cref="Chars"/>.
    /// </summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The characters of a <see cref="EvtxValueKind.String"/> or a <see cref="EvtxValueKind.Text"/>; empty otherwise.</summary>
    public ReadOnlySpan<char> Chars => _kind is EvtxValueKind.String or EvtxValueKind.Text ? MemoryMarshal.Cast<byte, char>(_bytes) : default;

    internal static EvtxValue Empty => default;

    internal static EvtxValue FromText(ReadOnlySpan<char> text) => new(EvtxValueKind.Text, EvtxValueType.Null, MemoryMarshal.AsBytes(text));

    // The kind of each scalar type by its code, up to HexInt64 (0x15), and the size it must have (0: any); FromScalar
    // makes the codes past it Binary, but Binary XML, which has no text of its own.
    private static ReadOnlySpan<byte> KindByType =>
    [
        (byte)EvtxValueKind.Empty, (byte)EvtxValueKind.String, (byte)EvtxValueKind.AnsiString, (byte)EvtxValueKind.Integer,
        (byte)EvtxValueKind.Unsigned, (byte)EvtxValueKind.Integer, (byte)EvtxValueKind.Unsigned, (byte)EvtxValueKind.Integer,
        (byte)EvtxValueKind.Unsigned, (byte)EvtxValueKind.Integer, (byte)EvtxValueKind.Unsigned, (byte)EvtxValueKind.Real,
        (byte)EvtxValueKind.Real, (byte)EvtxValueKind.Boolean, (byte)EvtxValueKind.Binary, (byte)EvtxValueKind.Guid,
        (byte)EvtxValueKind.Hexadecimal, (byte)EvtxValueKind.Time, (byte)EvtxValueKind.Time, (byte)EvtxValueKind.Sid,
        (byte)EvtxValueKind.Hexadecimal, (byte)EvtxValueKind.Hexadecimal,
    ];

    private static ReadOnlySpan<byte> SizeByType => [0, 0, 0, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 0, 0, 16, 0, 8, 16, 0, 4, 8];

    /// <summary>A scalar substitution value (not an array), of the kind its text shows (see <see cref="ValueFormatter.FormatAscii"/>).</summary>
    internal static EvtxValue FromScalar(EvtxValueType type, ReadOnlySpan<byte> data)
    {
        if ((byte)type >= KindByType.Length)
        {
            return type == EvtxValueType.BinXml ? default : new(EvtxValueKind.Binary, type, data);
        }

        var kind = (EvtxValueKind)KindByType[(byte)type];
        var size = SizeByType[(byte)type];
        switch (kind)
        {
            case EvtxValueKind.Empty:
                return default;
            case EvtxValueKind.String:
                return new(kind, type, MemoryMarshal.AsBytes(ValueFormatter.TrimNul(MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1)))));
            case EvtxValueKind.Boolean:
                return new(data.Length is 1 or 2 or 4 or 8 ? kind : EvtxValueKind.Binary, type, data);
            case EvtxValueKind.Sid:
                return new(ValueFormatter.TrySidLength(data, out var length) && length == data.Length ? kind : EvtxValueKind.Binary, type, data);
            case EvtxValueKind.Hexadecimal when type == EvtxValueType.SizeT:
                return new(data.Length is 4 or 8 ? kind : EvtxValueKind.Binary, type, data);
            default:
                return new(size == 0 || data.Length == size ? kind : EvtxValueKind.Binary, type, data);
        }
    }

    /// <summary>A <see cref="EvtxValueKind.Integer"/>, or an unsigned one that fits.</summary>
    public bool TryGetInt64(out long value)
    {
        switch (_kind)
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
        switch (_kind)
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
        value = _kind != EvtxValueKind.Real ? 0
            : _type == EvtxValueType.Real32 ? BinaryPrimitives.ReadSingleLittleEndian(_bytes)
            : BinaryPrimitives.ReadDoubleLittleEndian(_bytes);
        return _kind == EvtxValueKind.Real;
    }

    /// <summary>A <see cref="EvtxValueKind.Boolean"/>: true when any of its bytes is not zero, as Windows shows it.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = _kind == EvtxValueKind.Boolean && _bytes.IndexOfAnyExcept((byte)0) >= 0;
        return _kind == EvtxValueKind.Boolean;
    }

    /// <summary>A <see cref="EvtxValueKind.Guid"/>.</summary>
    public bool TryGetGuid(out Guid value)
    {
        value = _kind == EvtxValueKind.Guid ? new Guid(_bytes) : default;
        return _kind == EvtxValueKind.Guid;
    }

    /// <summary>A <see cref="EvtxValueKind.Time"/> as a UTC date; false also for a SYSTEMTIME that is no date (its text still shows its numbers).</summary>
    public bool TryGetDateTime(out DateTime value)
    {
        value = default;
        if (_kind != EvtxValueKind.Time)
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
