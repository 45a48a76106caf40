using System.Security.Cryptography;
using System.Text;

namespace Vigie.CommandPost.Accounts;

/// <summary>Random bearer and set-up tokens; only their SHA-256 is stored (they carry 256 bits, no KDF needed).</summary>
public static class TokenHasher
{
    public const string ApiTokenPrefix = "vigie_";

    public static string NewToken(string prefix = ApiTokenPrefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
