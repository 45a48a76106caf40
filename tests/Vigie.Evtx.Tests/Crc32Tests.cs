using System.Text;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx.Tests;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_OfTheStandardCheckString_IsCbf43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xCBF43926u, Crc32.ComputeWithTables(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_WhenTheFastPathApplies_EqualsTheTablePathForEveryLength()
    {
        var random = new Random(42);
        for (var length = 0; length <= 1200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Crc32.ComputeWithTables(data), Crc32.Compute(data));
        }

        var chunk = new byte[65536 - 512];
        random.NextBytes(chunk);
        Assert.Equal(Crc32.ComputeWithTables(chunk), Crc32.Compute(chunk));
        Assert.Equal(Crc32.ComputeWithTables(chunk), Crc32.Append(Crc32.Compute(chunk.AsSpan(0, 100)), chunk.AsSpan(100)));
    }
}
