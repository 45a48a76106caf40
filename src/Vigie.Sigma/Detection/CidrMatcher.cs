using System.Net;
using System.Net.Sockets;

namespace Vigie.Sigma.Detection;

/// <summary>An IPv4 or IPv6 network (<c>cidr</c> modifier); the value is read as an address.</summary>
internal sealed class CidrMatcher : ValueMatcher
{
    private readonly byte[] _network;
    private readonly int _prefix;
    private readonly AddressFamily _family;
    private readonly string _text;

    private CidrMatcher(byte[] network, int prefix, AddressFamily family, string text)
    {
        _network = network;
        _prefix = prefix;
        _family = family;
        _text = text;
    }

    public static CidrMatcher? TryCreate(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText.Trim(), out var address))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out prefix) || prefix < 0 || prefix > bytes.Length * 8))
        {
            return null;
        }

        return new CidrMatcher(bytes, prefix, address.AddressFamily, text);
    }

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context)
    {
        if (!IPAddress.TryParse(value.Trim(), out var address))
        {
            return false;
        }

        if (address.AddressFamily != _family)
        {
            if (_family == AddressFamily.InterNetwork && address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
            else
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != _network.Length)
        {
            return false;
        }

        var full = _prefix / 8;
        if (!bytes[..full].SequenceEqual(_network.AsSpan(0, full)))
        {
            return false;
        }

        var bits = _prefix % 8;
        if (bits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - bits));
        return (bytes[full] & mask) == (_network[full] & mask);
    }

    public string Text => _text;

    public override string Describe() => $"in network {_text}";
}
