using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Vigie.Evtx.Values;

/// <summary>
/// Renders substitution values as Windows renders them in event XML: decimal integers, hexadecimal
/// integers as 0x… (lower case, no padding), GUIDs as {…} upper case, SIDs as S-1-…, FILETIME and
/// SYSTEMTIME in ISO 8601 UTC, booleans as true/false, binary as upper-case hexadecimal.
/// </summary>
internal static class ValueFormatter
{
    /// <summary>An upper bound of the characters <see cref="Format"/> writes for this value.</summary>
    public static int MaxLength(EvtxValueType type, int size) => type switch
    {
        EvtxValueType.Null => 0,
        EvtxValueType.String => size / 2,
        EvtxValueType.AnsiString => size * 2, // at most two UTF-16 code units per byte, whatever the code page
        EvtxValueType.Int8 or EvtxValueType.UInt8 or EvtxValueType.Int16 or EvtxValueType.UInt16
            or EvtxValueType.Int32 or EvtxValueType.UInt32 or EvtxValueType.Int64 or EvtxValueType.UInt64 => Math.Max(21, size * 2),
        EvtxValueType.Real32 or EvtxValueType.Real64 => Math.Max(40, size * 2),
        EvtxValueType.Bool => Math.Max(5, size * 2),
        EvtxValueType.Guid => Math.Max(38, size * 2),
        EvtxValueType.SizeT or EvtxValueType.HexInt32 or EvtxValueType.HexInt64 => Math.Max(18, size * 2),
        EvtxValueType.FileTime => Math.Max(32, size * 2),
        EvtxValueType.SystemTime => Math.Max(32, size * 2),
        EvtxValueType.Sid => 32 + (size * 3),
        _ => size * 2,
    };

    /// <summary>Writes the text of a scalar value (not an array, not Binary XML); returns the count written.</summary>
    public static int Format(EvtxValueType type, ReadOnlySpan<byte> data, Span<char> destination, Encoding ansi)
    {
        switch (type)
        {
            case EvtxValueType.String:
                {
                    var text = TrimNul(MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1)));
                    text.CopyTo(destination);
                    return text.Length;
                }

            case EvtxValueType.AnsiString:
                {
                    var end = data.Length;
                    while (end > 0 && data[end - 1] == 0)
                    {
                        end--;
                    }

                    return ansi.GetChars(data.Slice(0, end), destination);
                }

            default:
                return FormatAscii(type, data, destination);
        }
    }

    /// <summary>
    /// Writes the text of a scalar value other than a string (<see cref="HasAsciiText"/>), as characters or as its
    /// UTF-8 bytes: it is ASCII (digits, letters, <c>{}-:.#+</c>), and holds nothing JSON or XML would escape.
    /// </summary>
    public static int FormatAscii<TChar>(EvtxValueType type, ReadOnlySpan<byte> data, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        switch (type)
        {
            case EvtxValueType.Null:
                return 0;
            case EvtxValueType.String or EvtxValueType.AnsiString:
                throw new ArgumentException("a string value's text is not formatted as ASCII", nameof(type));
            case EvtxValueType.Int8 when data.Length == 1:
                return Write((sbyte)data[0], destination);
            case EvtxValueType.UInt8 when data.Length == 1:
                return Write(data[0], destination);
            case EvtxValueType.Int16 when data.Length == 2:
                return Write(BinaryPrimitives.ReadInt16LittleEndian(data), destination);
            case EvtxValueType.UInt16 when data.Length == 2:
                return Write(BinaryPrimitives.ReadUInt16LittleEndian(data), destination);
            case EvtxValueType.Int32 when data.Length == 4:
                return Write(BinaryPrimitives.ReadInt32LittleEndian(data), destination);
            case EvtxValueType.UInt32 when data.Length == 4:
                return Write(BinaryPrimitives.ReadUInt32LittleEndian(data), destination);
            case EvtxValueType.Int64 when data.Length == 8:
                return Write(BinaryPrimitives.ReadInt64LittleEndian(data), destination);
            case EvtxValueType.UInt64 when data.Length == 8:
                return Write(BinaryPrimitives.ReadUInt64LittleEndian(data), destination);
            case EvtxValueType.Real32 when data.Length == 4:
                return WriteReal(BinaryPrimitives.ReadSingleLittleEndian(data), destination);
            case EvtxValueType.Real64 when data.Length == 8:
                return WriteReal(BinaryPrimitives.ReadDoubleLittleEndian(data), destination);
            case EvtxValueType.Bool when data.Length is 4 or 1 or 2 or 8:
                return WriteAscii(data.IndexOfAnyExcept((byte)0) >= 0 ? "true" : "false", destination);
            case EvtxValueType.Guid when data.Length == 16:
                return WriteGuid(data, destination);
            case EvtxValueType.SizeT when data.Length == 4:
            case EvtxValueType.HexInt32 when data.Length == 4:
                return WriteHex(BinaryPrimitives.ReadUInt32LittleEndian(data), destination);
            case EvtxValueType.SizeT when data.Length == 8:
            case EvtxValueType.HexInt64 when data.Length == 8:
                return WriteHex(BinaryPrimitives.ReadUInt64LittleEndian(data), destination);
            case EvtxValueType.FileTime when data.Length == 8:
                return WriteFileTime(BinaryPrimitives.ReadUInt64LittleEndian(data), destination);
            case EvtxValueType.SystemTime when data.Length == 16:
                return WriteSystemTime(data, destination);
            case EvtxValueType.Sid when TrySidLength(data, out var sidLength) && sidLength == data.Length:
                return WriteSid(data, destination);
            default:
                return WriteBinary(data, destination);
        }
    }

    /// <summary>
    /// True for the types whose text, whatever the value and its size, holds only
    /// <see cref="EvtxRecord.NumericTextCharacters"/>: integers (digits, <c>-</c>), hexadecimal (<c>0x</c>, lower-case
    /// digits), GUIDs (upper-case digits, <c>{-}</c>), SIDs (<c>S-</c>, digits, hexadecimal authority), FILETIME and
    /// SYSTEMTIME (<c>yyyy-MM-ddTHH:mm:ss.fZ</c>), binary, and any of them of a wrong size (written as binary).
    /// Not reals (<c>E+</c>, <c>1.#INF</c>), booleans, strings or nested XML.
    /// </summary>
    public static bool HasNumericText(EvtxValueType type) => type is (>= EvtxValueType.Int8 and <= EvtxValueType.UInt64)
        or (>= EvtxValueType.Binary and <= EvtxValueType.HexInt64);

    /// <summary>True for the types <see cref="FormatAscii"/> writes: every scalar but the two kinds of string.</summary>
    public static bool HasAsciiText(EvtxValueType type) => type is not (EvtxValueType.String or EvtxValueType.AnsiString);

    public static ReadOnlySpan<char> TrimNul(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == '\0')
        {
            end--;
        }

        return text.Slice(0, end);
    }

    /// <summary>The byte size of one item of an array of <paramref name="baseType"/>, 0 for variable sizes.</summary>
    public static int ItemSize(EvtxValueType baseType, int totalSize) => baseType switch
    {
        EvtxValueType.Int8 or EvtxValueType.UInt8 => 1,
        EvtxValueType.Int16 or EvtxValueType.UInt16 => 2,
        EvtxValueType.Int32 or EvtxValueType.UInt32 or EvtxValueType.Real32 or EvtxValueType.Bool or EvtxValueType.HexInt32 => 4,
        EvtxValueType.Int64 or EvtxValueType.UInt64 or EvtxValueType.Real64 or EvtxValueType.FileTime or EvtxValueType.HexInt64 => 8,
        EvtxValueType.Guid or EvtxValueType.SystemTime => 16,
        EvtxValueType.SizeT => totalSize % 8 == 0 ? 8 : 4,
        _ => 0,
    };

    /// <summary>True for array types whose items the reader can separate.</summary>
    public static bool IsArray(byte type) =>
        (type & 0x80) != 0 && (EvtxValueType)(type & 0x7F) is not (EvtxValueType.Binary or EvtxValueType.BinXml or EvtxValueType.Null);

    /// <summary>Finds item <paramref name="index"/> of an array value; false past the last item.</summary>
    public static bool TryGetItem(byte arrayType, ReadOnlySpan<byte> data, int index, out ReadOnlySpan<byte> item)
    {
        var baseType = (EvtxValueType)(arrayType & 0x7F);
        item = default;
        switch (baseType)
        {
            case EvtxValueType.String:
                {
                    var chars = MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1));
                    var charStart = 0;
                    for (var i = 0; ; i++)
                    {
                        if (charStart >= chars.Length)
                        {
                            return false;
                        }

                        var nul = chars.Slice(charStart).IndexOf('\0');
                        var length = nul < 0 ? chars.Length - charStart : nul;
                        if (i == index)
                        {
                            item = data.Slice(charStart * 2, length * 2);
                            return true;
                        }

                        charStart += length + 1;
                    }
                }

            case EvtxValueType.AnsiString:
                {
                    var start = 0;
                    for (var i = 0; ; i++)
                    {
                        if (start >= data.Length)
                        {
                            return false;
                        }

                        var nul = data.Slice(start).IndexOf((byte)0);
                        var length = nul < 0 ? data.Length - start : nul;
                        if (i == index)
                        {
                            item = data.Slice(start, length);
                            return true;
                        }

                        start += length + 1;
                    }
                }

            case EvtxValueType.Sid:
                {
                    var start = 0;
                    for (var i = 0; ; i++)
                    {
                        if (start >= data.Length || !TrySidLength(data.Slice(start), out var length))
                        {
                            return false;
                        }

                        if (i == index)
                        {
                            item = data.Slice(start, length);
                            return true;
                        }

                        start += length;
                    }
                }

            default:
                {
                    var size = ItemSize(baseType, data.Length);
                    if (size == 0 || (long)(index + 1) * size > data.Length)
                    {
                        return false;
                    }

                    item = data.Slice(index * size, size);
                    return true;
                }
        }
    }

    public static bool TrySidLength(ReadOnlySpan<byte> data, out int length)
    {
        length = 0;
        if (data.Length < 8)
        {
            return false;
        }

        length = 8 + (data[1] * 4);
        return length <= data.Length;
    }

    private static TChar C<TChar>(char c)
        where TChar : unmanaged, IBinaryInteger<TChar> => TChar.CreateTruncating(c);

    private static int Write<T, TChar>(T value, Span<TChar> destination)
        where T : ISpanFormattable, IUtf8SpanFormattable
        where TChar : unmanaged, IBinaryInteger<TChar> => Write(value, default, destination);

    private static int Write<T, TChar>(T value, ReadOnlySpan<char> format, Span<TChar> destination)
        where T : ISpanFormattable, IUtf8SpanFormattable
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        int written;
        if (typeof(TChar) == typeof(byte))
        {
            value.TryFormat(MemoryMarshal.Cast<TChar, byte>(destination), out written, format, CultureInfo.InvariantCulture);
        }
        else
        {
            value.TryFormat(MemoryMarshal.Cast<TChar, char>(destination), out written, format, CultureInfo.InvariantCulture);
        }

        return written;
    }

    private static int WriteAscii<TChar>(string text, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = C<TChar>(text[i]);
        }

        return text.Length;
    }

    private static int WriteReal<TChar>(double value, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (double.IsNaN(value))
        {
            return WriteAscii("-1.#IND", destination);
        }

        if (double.IsInfinity(value))
        {
            return WriteAscii(value > 0 ? "1.#INF" : "-1.#INF", destination);
        }

        return Write(value, "R", destination);
    }

    public static int WriteHex<TChar>(ulong value, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        destination[0] = C<TChar>('0');
        destination[1] = C<TChar>('x');
        return Write(value, "x", destination.Slice(2)) + 2;
    }

    /// <summary>{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} in upper case, as Windows writes it: the first three groups little-endian (16 bytes, as <see cref="Format"/> gives them).</summary>
    private static int WriteGuid<TChar>(ReadOnlySpan<byte> data, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (destination.Length < 38)
        {
            return 0; // no room: nothing written, as Guid.TryFormat did
        }

        destination[0] = C<TChar>('{');
        var position = 1;
        ReadOnlySpan<int> order = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15];
        foreach (var index in order)
        {
            if (index < 0)
            {
                destination[position++] = C<TChar>('-');
                continue;
            }

            var b = data[index];
            destination[position++] = C<TChar>(UpperHex[b >> 4]);
            destination[position++] = C<TChar>(UpperHex[b & 0xF]);
        }

        destination[position++] = C<TChar>('}');
        return position;
    }

    private const string UpperHex = "0123456789ABCDEF";

    public static int WriteBinary<TChar>(ReadOnlySpan<byte> data, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        int written;
        if (typeof(TChar) == typeof(byte))
        {
            Convert.TryToHexString(data, MemoryMarshal.Cast<TChar, byte>(destination), out written);
        }
        else
        {
            Convert.TryToHexString(data, MemoryMarshal.Cast<TChar, char>(destination), out written);
        }

        return written;
    }

    /// <summary>ISO 8601 UTC with 100 ns precision, as Windows renders <c>SystemTime</c> attributes.</summary>
    public static int WriteFileTime<TChar>(ulong fileTime, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var totalSeconds = fileTime / 10_000_000UL;
        var fraction = (int)(fileTime % 10_000_000UL);
        var days = (long)(totalSeconds / 86_400UL);
        var secondsOfDay = (int)(totalSeconds % 86_400UL);

        // Days since 1601-01-01 to a civil date (proleptic Gregorian), valid for every 64-bit FILETIME.
        CivilFromDays(days, out var year, out var month, out var day);
        var position = WriteNumber(year, 4, destination);
        destination[position++] = C<TChar>('-');
        position += WriteNumber(month, 2, destination.Slice(position));
        destination[position++] = C<TChar>('-');
        position += WriteNumber(day, 2, destination.Slice(position));
        destination[position++] = C<TChar>('T');
        position += WriteNumber(secondsOfDay / 3600, 2, destination.Slice(position));
        destination[position++] = C<TChar>(':');
        position += WriteNumber(secondsOfDay / 60 % 60, 2, destination.Slice(position));
        destination[position++] = C<TChar>(':');
        position += WriteNumber(secondsOfDay % 60, 2, destination.Slice(position));
        destination[position++] = C<TChar>('.');
        position += WriteNumber(fraction, 7, destination.Slice(position));
        destination[position++] = C<TChar>('Z');
        return position;
    }

    private static int WriteSystemTime<TChar>(ReadOnlySpan<byte> data, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var year = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var month = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(2));
        var day = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(6));
        var hour = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(8));
        var minute = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(10));
        var second = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(12));
        var millisecond = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(14));
        var position = WriteNumber(year, 4, destination);
        destination[position++] = C<TChar>('-');
        position += WriteNumber(month, 2, destination.Slice(position));
        destination[position++] = C<TChar>('-');
        position += WriteNumber(day, 2, destination.Slice(position));
        destination[position++] = C<TChar>('T');
        position += WriteNumber(hour, 2, destination.Slice(position));
        destination[position++] = C<TChar>(':');
        position += WriteNumber(minute, 2, destination.Slice(position));
        destination[position++] = C<TChar>(':');
        position += WriteNumber(second, 2, destination.Slice(position));
        destination[position++] = C<TChar>('.');
        position += WriteNumber(millisecond, 3, destination.Slice(position));
        destination[position++] = C<TChar>('Z');
        return position;
    }

    private static int WriteSid<TChar>(ReadOnlySpan<byte> data, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var position = 0;
        destination[position++] = C<TChar>('S');
        destination[position++] = C<TChar>('-');
        position += Write(data[0], destination.Slice(position));
        destination[position++] = C<TChar>('-');
        ulong authority = 0;
        for (var i = 2; i < 8; i++)
        {
            authority = (authority << 8) | data[i];
        }

        position += authority >= 1UL << 32 ? WriteHex(authority, destination.Slice(position)) : Write(authority, destination.Slice(position));
        var count = data[1];
        for (var i = 0; i < count; i++)
        {
            destination[position++] = C<TChar>('-');
            position += Write(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(8 + (i * 4))), destination.Slice(position));
        }

        return position;
    }

    /// <summary>The digits of a date or time part, at least <paramref name="minimumDigits"/> of them (zeros in front).</summary>
    private static int WriteNumber<TChar>(long value, int minimumDigits, Span<TChar> destination)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        // Written by hand: the standard "D2"-style formats are parsed again at every call, several times per timestamp.
        var digits = 1;
        for (var rest = value / 10; rest > 0; rest /= 10)
        {
            digits++;
        }

        if (value < 0 || destination.Length < Math.Max(digits, minimumDigits))
        {
            return Write(value, "D" + minimumDigits.ToString(CultureInfo.InvariantCulture), destination);
        }

        var length = Math.Max(digits, minimumDigits);
        for (var i = length - 1; i >= 0; i--)
        {
            destination[i] = TChar.CreateTruncating('0' + (value % 10));
            value /= 10;
        }

        return length;
    }

    private static void CivilFromDays(long daysSince1601, out long year, out int month, out int day)
    {
        // Howard Hinnant's days_from_civil inverse, with day 0 = 1970-01-01; 1601-01-01 is day -134,774.
        var z = daysSince1601 - 134_774 + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
    }
}
