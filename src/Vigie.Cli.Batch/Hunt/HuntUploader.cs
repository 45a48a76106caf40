using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigie.Hunt;

namespace Vigie.Cli.Hunt;

/// <summary>
/// Sends a hunt's JSON lines to an incident: batches of <see cref="BatchRows"/> rows (or 8 M characters), gzip-compressed, each
/// tagged with the run id and its number so that a retried batch is not imported twice. A failed batch is
/// retried (network errors and 5xx) a few times with a pause; a refused batch (4xx) stops the upload.
/// </summary>
internal static class HuntUploader
{
    public const int BatchRows = 5000;

    /// <summary>A batch also ends at 8 M characters: at most 24 MiB of UTF-8, under the server's bound on a decompressed request (32 MiB).</summary>
    private const long BatchChars = 8L * 1024 * 1024;
    private const int Attempts = 4;

    public static async Task<bool> UploadAsync(Uri server, string token, long incident, string jsonlPath, TextWriter error, CancellationToken cancellationToken, CertificatePin? pin = null)
    {
        var run = Guid.NewGuid().ToString("N");
        using var handler = new HttpClientHandler();
        if (pin is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => pin.Validate(certificate, errors);
        }

        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reader = new StreamReader(jsonlPath);
        var batch = 0;
        long imported = 0, duplicates = 0, rejected = 0;
        var lines = new List<string>(BatchRows);
        // One line read ahead: the batch that takes the last line is the final one (also when the count is a multiple of BatchRows).
        var next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            lines.Clear();
            long chars = 0;
            while (next is not null && lines.Count < BatchRows && chars < BatchChars)
            {
                lines.Add(next);
                chars += next.Length + 1;
                next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }

            var final = next is null;

            var body = Compress(lines);
            var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/incidents/{incident}/findings/import?run={run}&batch={batch}&final={(final ? "true" : "false")}");
            var result = await SendAsync(http, path, body, error, pin, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vigie hunt: upload stopped at batch {batch} ({imported:N0} detections sent); run it again to retry."));
                return false;
            }

            imported += result.Imported;
            duplicates += result.Duplicates;
            rejected += result.Rejected;
            batch++;
            if (final)
            {
                break;
            }
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload: {imported:N0} detections added to incident {incident} ({duplicates:N0} already there, {rejected:N0} rejected), run {run}"));
        return rejected == 0;
    }

    private static byte[] Compress(List<string> lines)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new System.Text.UTF8Encoding(false)))
        {
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        }

        return memory.ToArray();
    }

    private static async Task<ImportResult?> SendAsync(HttpClient http, string path, byte[] body, TextWriter error, CertificatePin? pin, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                content.Headers.ContentEncoding.Add("gzip");
                using var response = await http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync(UploadJson.Default.ImportResult, cancellationToken).ConfigureAwait(false)
                        ?? throw new JsonException("empty answer");
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    error.WriteLine($"vigie hunt: the command post refused the upload ({(int)response.StatusCode}): {text}");
                    return null;
                }

                error.WriteLine($"vigie hunt: upload attempt {attempt}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (HttpRequestException ex) when (ex.InnerException is System.Security.Authentication.AuthenticationException)
            {
                // Not worth a retry: the certificate will not change in a few seconds.
                error.WriteLine(pin is null
                    ? "vigie hunt: the command post's certificate is not trusted by this machine; pass --fingerprint with the SHA-256 fingerprint that vigie serve printed."
                    : $"vigie hunt: the command post presented the certificate {pin.Seen ?? "(none)"}, not the one given with --fingerprint ({pin}); check the address and the fingerprint vigie serve printed.");
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                error.WriteLine($"vigie hunt: upload attempt {attempt}: {ex.Message}");
            }

            if (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    internal sealed record ImportResult(long Imported, long Duplicates, long Rejected);
}

/// <summary>The server's answer read without reflection (vigie-batch is compiled ahead of time).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HuntUploader.ImportResult))]
internal sealed partial class UploadJson : JsonSerializerContext
{
}
