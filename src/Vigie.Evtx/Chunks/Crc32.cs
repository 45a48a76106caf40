using System.Runtime.CompilerServices;
namespace Vigie.Evtx.Chunks;

/// <summary>CRC-32 (IEEE 802.3, RFC 1952, reflected polynomial 0xEDB88320), slice-by-8.</summary>
internal static class Crc32
{
    private static readonly uint[] s_table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        crc = ~crc;
        var i = 0;
        while (data.Length - i >= 8)
        {
            var one = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i)) ^ crc;
            var two = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4));
            crc = table[(7 * 256) + (one & 0xFF)]
                ^ table[(6 * 256) + ((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((one >> 16) & 0xFF)]
                ^ table[(4 * 256) + (one >> 24)]
                ^ table[(3 * 256) + (two & 0xFF)]
                ^ table[(2 * 256) + ((two >> 8) & 0xFF)]
                ^ table[(1 * 256) + ((two >> 16) & 0xFF)]
                ^ table[two >> 24];
            i += 8;
        }

        for (; i < data.Length; i++)
        {
            crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
