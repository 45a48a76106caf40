using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigie.Web.Hosting;

/// <summary>Loads the certificate the user gives, or makes (once) and reuses a self-signed one in the data folder.</summary>
internal static class HttpsSetup
{
    public const string SelfSignedFileName = "https-selfsigned.pfx";

    public static HttpsCertificate Load(VigieServerOptions options)
    {
        if (options.CertificatePath is { } path)
        {
            var loaded = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? LoadPem(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            return new HttpsCertificate(loaded, path);
        }

        var file = Path.Combine(options.DataDirectory, SelfSignedFileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(options.DataDirectory);
            using var created = CreateSelfSigned();
            File.WriteAllBytes(file, created.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new HttpsCertificate(X509CertificateLoader.LoadPkcs12FromFile(file, null), $"self-signed {file}");
    }

    private static X509Certificate2 LoadPem(string path)
    {
        var key = Path.ChangeExtension(path, ".key");
        return File.Exists(key) ? X509Certificate2.CreateFromPemFile(path, key) : X509Certificate2.CreateFromPemFile(path);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Vigie command post ({Dns.GetHostName()})", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Dns.GetHostName());
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }
}
