using System.Runtime.InteropServices;

namespace Vigie.Sigma.Prefilter;

/// <summary>
/// Arrays of the prefilters' cache form (<see cref="AhoCorasick"/>, <see cref="LiteralPrefilter"/>): a length, then the
/// elements as they are in memory (the cache key holds the byte order). Every length and index read is checked, so that
/// a damaged file ends in <see cref="InvalidDataException"/>, never in a huge allocation or an index out of range later.
/// </summary>
internal static class CacheArrays
{
    public static void Write<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>An array written by <see cref="Write"/>, of <paramref name="length"/> elements (-1: any length the stream holds).</summary>
    public static T[] Read<T>(BinaryReader reader, int length = -1)
        where T : unmanaged
    {
        var count = reader.ReadInt32();
        if (count < 0 || (length >= 0 && count != length) || (long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > Remaining(reader))
        {
            throw new InvalidDataException("prefilter array of a bad length in the cache");
        }

        var values = GC.AllocateUninitializedArray<T>(count);
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Indexes written by <see cref="Write"/>, each at least <paramref name="low"/> and below <paramref name="high"/>.</summary>
    public static int[] ReadIndexes(BinaryReader reader, int low, int high, int length = -1)
    {
        var values = Read<int>(reader, length);
        CheckRange(values, low, high);
        return values;
    }

    public static void CheckRange(int[] values, int low, int high)
    {
        if (values.AsSpan().ContainsAnyExceptInRange(low, high - 1))
        {
            throw new InvalidDataException("prefilter index out of range in the cache");
        }
    }

    /// <summary>A count of items of at least <paramref name="itemBytes"/> bytes each, that the rest of the stream can hold.</summary>
    public static int Count(BinaryReader reader, int itemBytes)
    {
        var count = reader.ReadInt32();
        return count >= 0 && (long)count * itemBytes <= Remaining(reader)
            ? count
            : throw new InvalidDataException("prefilter list of a bad length in the cache");
    }

    private static long Remaining(BinaryReader reader) => reader.BaseStream.Length - reader.BaseStream.Position;
}
