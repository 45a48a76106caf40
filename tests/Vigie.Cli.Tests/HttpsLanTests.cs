using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// HTTPS on the hospital's local network (issue 13, item 12): the self-signed certificate names the machine's LAN
/// addresses and the chosen host names (made again when they change), `vigie hunt --fingerprint` pins what `serve`
/// printed, and an API call over plain HTTP is refused rather than redirected when HTTPS is on.
/// </summary>
public sealed partial class HttpsLanTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-https-");

    /// <summary>An IPv4 address of this machine on a network (not loopback); the test is skipped when there is none.</summary>
    private static IPAddress LanAddress()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                {
                    return unicast.Address;
                }
            }
        }

        Assert.Skip("this machine has no IPv4 address besides loopback: no local network to test HTTPS on");
        return IPAddress.None;
    }

    private static string FingerprintOf(X509Certificate certificate) =>
        string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Chunk(2).Select(c => new string(c)));

    /// <summary>What a client that trusts the certificate (as a pinned or installed one) still checks: the name.</summary>
    private static async Task<(SslPolicyErrors Errors, string Fingerprint)> HandshakeAsync(string host, int port)
    {
        var errors = SslPolicyErrors.None;
        var fingerprint = "";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(host) is { } ip ? ip : IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, e) =>
        {
            errors = e & ~SslPolicyErrors.RemoteCertificateChainErrors; // self-signed: the chain is the pin's business
            fingerprint = FingerprintOf(certificate!);
            return true;
        });
        await ssl.AuthenticateAsClientAsync(host);
        return (errors, fingerprint);
    }

    private static async Task<(SslPolicyErrors Errors, string Fingerprint)> HandshakeByNameAsync(string name, int port)
    {
        var errors = SslPolicyErrors.None;
        var fingerprint = "";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, e) =>
        {
            errors = e & ~SslPolicyErrors.RemoteCertificateChainErrors;
            fingerprint = FingerprintOf(certificate!);
            return true;
        });
        await ssl.AuthenticateAsClientAsync(name);
        return (errors, fingerprint);
    }

    [Fact]
    public async Task Serve_WithHttps_NamesTheLanAddressAndTheHostName_AndMakesTheCertificateAgainWhenTheyChange()
    {
        var lan = LanAddress().ToString();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var port = VigieServerProcess.FreePort();
        string[] args = ["--https", "--urls", $"https://0.0.0.0:{port}", "--database", database.Settings.SqliteFile!];

        string first;
        await using (var server = await VigieServerProcess.StartAsync(database.Folder, port, [.. args, "--host-name", "vigie.chu-armentieres.local"]))
        {
            first = Fingerprint().Match(server.Output).Groups[1].Value;
            Assert.Contains(lan, server.Output, StringComparison.Ordinal); // the names are printed
            Assert.Equal((SslPolicyErrors.None, first), await HandshakeAsync(lan, port));
            Assert.Equal((SslPolicyErrors.None, first), await HandshakeByNameAsync("vigie.chu-armentieres.local", port));
            Assert.Equal(SslPolicyErrors.RemoteCertificateNameMismatch, (await HandshakeByNameAsync("elsewhere.example", port)).Errors);
        }

        // Same names: the same certificate (a pinned fingerprint stays valid across restarts).
        await using (var again = await VigieServerProcess.StartAsync(database.Folder, port, [.. args, "--host-name", "vigie.chu-armentieres.local"]))
        {
            Assert.Equal(first, Fingerprint().Match(again.Output).Groups[1].Value);
        }

        // A new name: made again, and said so.
        await using var renamed = await VigieServerProcess.StartAsync(database.Folder, port, [.. args, "--host-name", "pc-crise"]);
        var second = Fingerprint().Match(renamed.Output).Groups[1].Value;
        Assert.NotEqual(first, second);
        Assert.Contains("made again", renamed.Output, StringComparison.Ordinal);
        Assert.Equal((SslPolicyErrors.None, second), await HandshakeByNameAsync("pc-crise", port));
    }

    [Theory]
    [InlineData("jit")]
    [InlineData("vigie-batch")]
    public async Task Hunt_UploadsOverHttpsToTheLanAddress_WhenPinnedToTheFingerprintServePrinted(string child)
    {
        // vigie hands the hunt to vigie-batch (compiled ahead of time) when it is there: TLS and the pin work in both.
        var batch = new Dictionary<string, string> { [Vigie.Cli.Shared.BatchProcess.BatchVariable] = child == "jit" ? "jit" : Hunt.NativeBatchTests.NativeBatch() };
        var lan = LanAddress().ToString();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var db = database.Settings.SqliteFile!;
        Assert.Equal(0, (await VigieCli.RunAsync(_folder.FullName, Password + "\n", "admin", "create-user", "--name", "directrice", "--role", "directeur", "--database", db)).ExitCode);
        var token = (await VigieCli.RunAsync(_folder.FullName, null, "admin", "create-token", "--user", "directrice", "--database", db)).Output.Trim();
        var port = VigieServerProcess.FreePort();
        await using var server = await VigieServerProcess.StartAsync(database.Folder, port, "--https", "--urls", $"https://0.0.0.0:{port}", "--database", db);
        var fingerprint = Fingerprint().Match(server.Output).Groups[1].Value;

        long incident;
        using (var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => FingerprintOf(c!) == fingerprint })
        using (var api = new HttpClient(handler) { BaseAddress = new Uri($"https://{lan}:{port}") })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var created = await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
            incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }

        Directory.CreateDirectory(Path.Combine(_folder.FullName, "logs"));
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "logs", "a.jsonl"),
            """{"EventTime":"2024-03-01T10:00:00Z","Hostname":"WS1.corp","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":1,"Image":"C:\\Windows\\System32\\whoami.exe"}""" + "\n");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "rule.yml"), """
            title: Whoami run
            level: high
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\whoami.exe'}
                condition: selection
            """);
        string[] hunt = ["hunt", "logs", "--rules", "rule.yml", "--output", "timeline.csv", "--quiet",
            "--incident", incident.ToString(CultureInfo.InvariantCulture), "--server", $"https://{lan}:{port}", "--token", token];

        var unpinned = await VigieCli.RunAsync(_folder.FullName, null, batch, hunt);
        Assert.NotEqual(0, unpinned.ExitCode);
        Assert.Contains("--fingerprint", unpinned.Error, StringComparison.Ordinal);

        var wrong = await VigieCli.RunAsync(_folder.FullName, null, batch, [.. hunt, "--fingerprint", string.Join(':', Enumerable.Repeat("00", 32))]);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains(fingerprint, wrong.Error, StringComparison.Ordinal); // says what the server presented

        var pinned = await VigieCli.RunAsync(_folder.FullName, null, batch, [.. hunt, "--fingerprint", fingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant()]);
        Assert.True(pinned.ExitCode == 0, pinned.Error);
        Assert.Contains("upload: 1 detections added to incident", pinned.Error, StringComparison.Ordinal);

        var badOption = await VigieCli.RunAsync(_folder.FullName, null, batch, [.. hunt, "--fingerprint", "abc"]);
        Assert.Equal(2, badOption.ExitCode);
    }

    [Fact]
    public async Task Serve_WithHttpsAndAPlainHttpAddress_RefusesApiCallsOverHttp_AndStillRedirectsPages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var port = VigieServerProcess.FreePort();
        var httpsPort = VigieServerProcess.FreePort();
        await using var server = await VigieServerProcess.StartAsync(database.Folder, port, "--https",
            "--urls", $"http://127.0.0.1:{port};https://127.0.0.1:{httpsPort}", "--database", database.Settings.SqliteFile!);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var plain = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "vigie_sent_in_clear");

        var api = await plain.GetAsync("/api/v1/incidents");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Null(api.Headers.Location);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains($"https://127.0.0.1:{httpsPort}", detail, StringComparison.Ordinal);
        Assert.Contains("revoke", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.PostAsync("/api/v1/incidents/1/findings/import?run=r&batch=0", new StringContent(""))).StatusCode);

        var page = await plain.GetAsync("/login");
        Assert.True(page.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, page.StatusCode.ToString());
        Assert.StartsWith("https://", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [GeneratedRegex("SHA-256 fingerprint ([0-9A-F:]{95})")]
    private static partial Regex Fingerprint();
}
