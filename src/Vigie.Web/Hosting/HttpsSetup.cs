using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigie.Web.Hosting;

/// <summary>
/// Loads the certificate the user gives, or makes and reuses a self-signed one in the data folder. The self-signed
/// certificate names every address of this machine (loopback and local network), its host name, localhost and the
/// host names given with <c>serve --host-name</c>, so `vigie hunt --server https://192.168.1.20:5443` and a browser on
/// the local network reach it by address or name; when a name or address is not in it any more (a new address, a
/// new --host-name), it is made again, which changes its fingerprint (said at start-up).
/// </summary>
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
            return new HttpsCertificate(loaded, path, Names(loaded));
        }

        var (dns, ips) = WantedNames(options);
        var file = Path.Combine(options.DataDirectory, SelfSignedFileName);
        string? note = null;
        if (File.Exists(file))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(file, null);
            var missing = Missing(existing, dns, ips);
            if (missing.Count == 0 && existing.NotAfter > DateTime.UtcNow.AddDays(30))
            {
                return new HttpsCertificate(existing, $"self-signed {file}", Names(existing));
            }

            note = missing.Count > 0 ? $"made again for new names: {string.Join(", ", missing)}" : "made again: it was about to expire";
            existing.Dispose();
        }

        Directory.CreateDirectory(options.DataDirectory);
        using (var created = CreateSelfSigned(dns, ips))
        {
            var temporary = file + ".new";
            File.WriteAllBytes(temporary, created.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, file, overwrite: true);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, null);
        return new HttpsCertificate(certificate, $"self-signed {file}" + (note is null ? "" : $" ({note})"), Names(certificate));
    }

    /// <summary>The names the self-signed certificate must hold: DNS names, then IP addresses.</summary>
    internal static (List<string> Dns, List<IPAddress> Ips) WantedNames(VigieServerOptions options)
    {
        var dns = new List<string> { "localhost" };
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        void Add(string name)
        {
            name = name.Trim().TrimEnd('.');
            if (name.Length == 0 || name is "*" or "+" or "0.0.0.0" or "[::]" or "::")
            {
                return;
            }

            if (IPAddress.TryParse(name.Trim('[', ']'), out var ip))
            {
                if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !ips.Contains(ip))
                {
                    ips.Add(ip);
                }
            }
            else if (Uri.CheckHostName(name) == UriHostNameType.Dns && !dns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                dns.Add(name);
            }
        }

        Add(Dns.GetHostName());
        foreach (var name in options.HostNames)
        {
            Add(name);
        }

        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                Add(uri.Host);
            }
        }

        foreach (var address in LocalAddresses())
        {
            Add(address.ToString());
        }

        return (dns, ips);
    }

    /// <summary>Every unicast address of this machine's interfaces that are up (IPv6 link-local ones left out: they need a scope).</summary>
    private static IEnumerable<IPAddress> LocalAddresses()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            yield break;
        }

        foreach (var nic in interfaces)
        {
            if (nic.OperationalStatus != OperationalStatus.Up)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (address.AddressFamily == AddressFamily.InterNetwork ||
                    address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv6LinkLocal && !address.IsIPv6Multicast)
                {
                    yield return address;
                }
            }
        }
    }

    private static List<string> Missing(X509Certificate2 certificate, List<string> dns, List<IPAddress> ips)
    {
        var san = SubjectAlternativeNames(certificate);
        var names = san?.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var addresses = san?.EnumerateIPAddresses().ToHashSet() ?? [];
        return [.. dns.Where(d => !names.Contains(d)), .. ips.Where(i => !addresses.Contains(i)).Select(i => i.ToString())];
    }

    private static X509SubjectAlternativeNameExtension? SubjectAlternativeNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                return extension as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            }
        }

        return null;
    }

    private static List<string> Names(X509Certificate2 certificate) =>
        SubjectAlternativeNames(certificate) is { } san
            ? [.. san.EnumerateDnsNames(), .. san.EnumerateIPAddresses().Select(i => i.ToString())]
            : [certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)];

    private static X509Certificate2 LoadPem(string path)
    {
        var key = Path.ChangeExtension(path, ".key");
        return File.Exists(key) ? X509Certificate2.CreateFromPemFile(path, key) : X509Certificate2.CreateFromPemFile(path);
    }

    private static X509Certificate2 CreateSelfSigned(List<string> dns, List<IPAddress> ips)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Vigie command post ({Dns.GetHostName()})", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dns)
        {
            names.AddDnsName(name);
        }

        foreach (var ip in ips)
        {
            names.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }
}
