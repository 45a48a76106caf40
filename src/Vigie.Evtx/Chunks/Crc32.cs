using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vigie.Evtx.Chunks;

/// <summary>
/// CRC-32 (IEEE 802.3, RFC 1952, reflected polynomial 0xEDB88320): carry-less multiplication folding
/// (PCLMULQDQ, after Intel's "Fast CRC computation for generic polynomials") where the processor has it,
/// ARMv8 CRC32 instructions on ARM, slice-by-8 tables otherwise and for the tail.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] s_table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        if (data.Length >= 64 && Pclmulqdq.IsSupported && Sse41.IsSupported)
        {
            var folded = data.Length & ~15;
            crc = FoldPclmul(crc, data.Slice(0, folded));
            data = data.Slice(folded);
        }
        else if (System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                crc = System.Runtime.Intrinsics.Arm.Crc32.Arm64.ComputeCrc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data.Slice(8);
            }
        }

        return ~Table(crc, data);
    }

    /// <summary>The slice-by-8 path alone (tests compare the fast paths with it).</summary>
    internal static uint ComputeWithTables(ReadOnlySpan<byte> data) => ~Table(~0u, data);

    /// <summary>Folds 16-byte blocks (length a multiple of 16, at least 64) into the CRC register.</summary>
    private static uint FoldPclmul(uint crc, ReadOnlySpan<byte> data)
    {
        var blocks = MemoryMarshal.Cast<byte, Vector128<ulong>>(data);
        var k1k2 = Vector128.Create(0x154442bd4UL, 0x1c6e41596UL);
        var k3k4 = Vector128.Create(0x1751997d0UL, 0x0ccaa009eUL);
        var x1 = blocks[0] ^ Vector128.Create((ulong)crc, 0UL);
        var x2 = blocks[1];
        var x3 = blocks[2];
        var x4 = blocks[3];
        var i = 4;
        for (; i + 4 <= blocks.Length; i += 4)
        {
            x1 = Pclmulqdq.CarrylessMultiply(x1, k1k2, 0x00) ^ Pclmulqdq.CarrylessMultiply(x1, k1k2, 0x11) ^ blocks[i];
            x2 = Pclmulqdq.CarrylessMultiply(x2, k1k2, 0x00) ^ Pclmulqdq.CarrylessMultiply(x2, k1k2, 0x11) ^ blocks[i + 1];
            x3 = Pclmulqdq.CarrylessMultiply(x3, k1k2, 0x00) ^ Pclmulqdq.CarrylessMultiply(x3, k1k2, 0x11) ^ blocks[i + 2];
            x4 = Pclmulqdq.CarrylessMultiply(x4, k1k2, 0x00) ^ Pclmulqdq.CarrylessMultiply(x4, k1k2, 0x11) ^ blocks[i + 3];
        }

        x1 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x00) ^ Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x11) ^ x2;
        x1 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x00) ^ Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x11) ^ x3;
        x1 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x00) ^ Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x11) ^ x4;
        for (; i < blocks.Length; i++)
        {
            x1 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x00) ^ Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x11) ^ blocks[i];
        }

        // 128 bits to 64.
        var mask32 = Vector128.Create(0xFFFFFFFFUL, 0UL);
        x1 = Pclmulqdq.CarrylessMultiply(x1, k3k4, 0x10) ^ Sse2.ShiftRightLogical128BitLane(x1, 8);

        // 64 bits to 32.
        var k5 = Vector128.Create(0x163cd6124UL, 0UL);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 4) ^ Pclmulqdq.CarrylessMultiply(x1 & mask32, k5, 0x00);

        // Barrett reduction.
        var poly = Vector128.Create(0x1db710641UL, 0x1f7011641UL);
        var t = Pclmulqdq.CarrylessMultiply(x1 & mask32, poly, 0x10);
        t = Pclmulqdq.CarrylessMultiply(t & mask32, poly, 0x00);
        return (x1 ^ t).AsUInt32().GetElement(1);
    }

    private static uint Table(uint crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
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

        return crc;
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
