using System.Security.Cryptography.X509Certificates;

namespace Vigie.Web.Hosting;

/// <summary>
/// The certificate `serve --https` uses, the names it holds (host names and addresses), and its SHA-256 fingerprint for
/// people to check in their browser and for `vigie hunt --fingerprint`.
/// </summary>
public sealed record HttpsCertificate(X509Certificate2 Certificate, string Source, IReadOnlyList<string> Names)
{
    public string Fingerprint => string.Join(':', Convert.ToHexString(Certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));
}
