using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigie.Cli.Hunt;

/// <summary>
/// `vigie hunt --fingerprint`: the SHA-256 fingerprint that `vigie serve --https` printed. The upload then accepts that
/// certificate and only that one, whatever its name or issuer (a self-signed certificate on the local network), and
/// refuses any other, saying which fingerprint the server presented.
/// </summary>
internal sealed class CertificatePin
{
    private readonly byte[] _expected;

    private CertificatePin(byte[] expected) => _expected = expected;

    /// <summary>The fingerprint the server presented last (for the error message when it is not the pinned one).</summary>
    public string? Seen { get; private set; }

    /// <summary>64 hexadecimal digits, with or without colons or spaces, any case.</summary>
    public static bool TryParse(string text, out CertificatePin? pin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        pin = null;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        pin = new CertificatePin(Convert.FromHexString(hex));
        return true;
    }

    public static string Format(ReadOnlySpan<byte> hash) =>
        string.Join(':', Convert.ToHexString(hash).Chunk(2).Select(c => new string(c)));

    /// <summary>The handler's validation: the pinned certificate is accepted whatever its name or chain; any other is refused.</summary>
    public bool Validate(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        _ = errors;
        if (certificate is null)
        {
            return false;
        }

        var hash = SHA256.HashData(certificate.RawData);
        Seen = Format(hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expected);
    }

    public override string ToString() => Format(_expected).ToString(CultureInfo.InvariantCulture);
}
