using System.Buffers.Binary;
using System.Text;

namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>A substitution value for <see cref="BinXmlWriter.TemplateInstance"/>.</summary>
public sealed record TemplateValue(byte Type, byte[]? Data, Action<BinXmlWriter>? Nested = null)
{
    public static TemplateValue Null() => new(0x00, []);

    /// <summary>A UTF-16 string, code unit for code unit (lone surrogates included, as a damaged or hostile record may hold).</summary>
    public static TemplateValue String(string text, bool nul = false) =>
        new(0x01, System.Runtime.InteropServices.MemoryMarshal.AsBytes((nul ? text + "\0" : text).AsSpan()).ToArray());

    public static TemplateValue Ansi(byte[] bytes) => new(0x02, bytes);

    public static TemplateValue Int8(sbyte v) => new(0x03, [(byte)v]);

    public static TemplateValue UInt8(byte v) => new(0x04, [v]);

    public static TemplateValue Int16(short v) => Fixed(0x05, 2, s => BinaryPrimitives.WriteInt16LittleEndian(s, v));

    public static TemplateValue UInt16(ushort v) => Fixed(0x06, 2, s => BinaryPrimitives.WriteUInt16LittleEndian(s, v));

    public static TemplateValue Int32(int v) => Fixed(0x07, 4, s => BinaryPrimitives.WriteInt32LittleEndian(s, v));

    public static TemplateValue UInt32(uint v) => Fixed(0x08, 4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, v));

    public static TemplateValue Int64(long v) => Fixed(0x09, 8, s => BinaryPrimitives.WriteInt64LittleEndian(s, v));

    public static TemplateValue UInt64(ulong v) => Fixed(0x0a, 8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v));

    public static TemplateValue Real32(float v) => Fixed(0x0b, 4, s => BinaryPrimitives.WriteSingleLittleEndian(s, v));

    public static TemplateValue Real64(double v) => Fixed(0x0c, 8, s => BinaryPrimitives.WriteDoubleLittleEndian(s, v));

    public static TemplateValue Bool(bool v) => Fixed(0x0d, 4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, v ? 1u : 0u));

    public static TemplateValue Binary(params byte[] bytes) => new(0x0e, bytes);

    public static TemplateValue Guid(Guid guid) => new(0x0f, guid.ToByteArray());

    public static TemplateValue SizeT64(ulong v) => Fixed(0x10, 8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v));

    public static TemplateValue FileTime(DateTime utc) => Fixed(0x11, 8, s => BinaryPrimitives.WriteInt64LittleEndian(s, utc.ToFileTimeUtc()));

    public static TemplateValue SystemTime(DateTime utc) => Fixed(0x12, 16, s =>
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)utc.Year);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], (ushort)utc.Month);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], (ushort)utc.DayOfWeek);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], (ushort)utc.Day);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)utc.Hour);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)utc.Minute);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], (ushort)utc.Second);
        BinaryPrimitives.WriteUInt16LittleEndian(s[14..], (ushort)utc.Millisecond);
    });

    /// <summary>A SID such as S-1-5-21-1-2-3.</summary>
    public static TemplateValue Sid(string sid) => new(0x13, SidBytes(sid));

    public static TemplateValue HexInt32(uint v) => Fixed(0x14, 4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, v));

    public static TemplateValue HexInt64(ulong v) => Fixed(0x15, 8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v));

    public static TemplateValue BinXml(Action<BinXmlWriter> nested) => new(0x21, null, nested);

    public static TemplateValue StringArray(params string[] items) => new(0x81, Encoding.Unicode.GetBytes(string.Concat(items.Select(i => i + "\0"))));

    public static TemplateValue AnsiArray(params string[] items) => new(0x82, Encoding.ASCII.GetBytes(string.Concat(items.Select(i => i + "\0"))));

    public static TemplateValue Array(byte itemType, params TemplateValue[] items) =>
        new((byte)(itemType | 0x80), items.SelectMany(i => i.Data!).ToArray());

    public static byte[] SidBytes(string sid)
    {
        var parts = sid.Split('-');
        var sub = parts.Skip(3).Select(uint.Parse).ToArray();
        var bytes = new byte[8 + (4 * sub.Length)];
        bytes[0] = byte.Parse(parts[1]);
        bytes[1] = (byte)sub.Length;
        var authority = ulong.Parse(parts[2]);
        for (var i = 0; i < 6; i++)
        {
            bytes[7 - i] = (byte)(authority >> (8 * i));
        }

        for (var i = 0; i < sub.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8 + (4 * i)), sub[i]);
        }

        return bytes;
    }

    private static TemplateValue Fixed(byte type, int size, SpanWriter write)
    {
        var data = new byte[size];
        write(data);
        return new TemplateValue(type, data);
    }

    private delegate void SpanWriter(Span<byte> span);
}
