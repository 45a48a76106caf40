using System.Net;
using System.Net.Sockets;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// The client address as sign-in back-off counts it: IPv4 as is (an IPv4-mapped IPv6 address unwrapped), IPv6 by its
/// /64 network, since one machine may take any address of its network and would otherwise escape the count.
/// Unreadable or absent addresses share one key, "".
/// </summary>
public static class AddressKey
{
    public static string Of(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return "";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(ip))
        {
            return ip.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
