using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>`vigie serve` as a process: first-admin link, HTTPS with a self-signed certificate and its fingerprint.</summary>
public sealed partial class ServeTests
{
    [Fact]
    public async Task Serve_WithHttps_MakesASelfSignedCertificate_PrintsItsFingerprint_AndTheFirstAdminLink()
    {
        await using var database = await TestDatabase.CreateAsync(Vigie.CommandPost.Storage.DatabaseKind.Sqlite);
        var port = VigieServerProcess.FreePort();
        string fingerprint;
        await using (var server = await VigieServerProcess.StartAsync(database.Folder, port, "--https", "--urls", $"https://127.0.0.1:{port}", "--database", database.Settings.SqliteFile!))
        {
            var output = await server.WaitForOutputAsync("/setup?token=");
            Assert.Matches("/setup\\?token=setup_[A-Za-z0-9_-]{43}", output);
            Assert.Contains("data in SQLite", output, StringComparison.Ordinal);
            fingerprint = Fingerprint().Match(output).Groups[1].Value;
            Assert.NotEmpty(fingerprint);

            string? seen = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                {
                    seen = string.Join(':', Convert.ToHexString(certificate!.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));
                    return true;
                },
            };
            using var client = new HttpClient(handler);
            var response = await client.GetAsync(new Uri($"https://127.0.0.1:{port}/login"));
            Assert.True(response.IsSuccessStatusCode);
            Assert.Equal(fingerprint, seen);
            Assert.Contains("Strict-Transport-Security", response.Headers.Select(h => h.Key));
        }

        // Restarted: the same certificate is reused.
        await using var again = await VigieServerProcess.StartAsync(database.Folder, port, "--https", "--urls", $"https://127.0.0.1:{port}", "--database", database.Settings.SqliteFile!);
        Assert.Equal(fingerprint, Fingerprint().Match(again.Output).Groups[1].Value);
    }

    [GeneratedRegex("SHA-256 fingerprint ([0-9A-F:]{95})")]
    private static partial Regex Fingerprint();
}
