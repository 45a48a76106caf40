using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigie.CommandPost.Bench;

/// <summary>
/// `--hostile-import`: the findings-import reproduction of issue 13, item 2. For each hostile body, a fresh `vigie serve`
/// process (SQLite) receives one POST /api/v1/incidents/{id}/findings/import from a write token; the server's peak
/// resident memory (VmHWM), its resident memory 5 s after the answer (VmRSS), its CPU time for the request and the
/// answer are printed as a Markdown table. Peak memory is per process, so each body gets its own server.
/// </summary>
internal static class HostileImport
{
    private const string Password = "correct horse battery staple";

    public static async Task RunAsync(string? only)
    {
        var bodies = new List<(string Name, Func<byte[]> Make)>
        {
            ("gzip bomb: one 700 MB line, no newline", () => Gzip(w => Repeat(w, "a", 700_000_000))),
            ("gzip: 4.5 million lines \"x\" (9 MB)", () => Gzip(w => Repeat(w, "x\n", 4_500_000))),
            ("gzip: 3 million lines \"{}\" (9 MB)", () => Gzip(w => Repeat(w, "{}\n", 3_000_000))),
            ("gzip: 1,000 valid findings of 1 MB each (1 GB)", () => Gzip(w => ValidRows(w, 1_000, 1_000_000))),
            ("gzip: 20,000 valid findings (small)", () => Gzip(w => ValidRows(w, 20_000, 100))),
            ("legitimate: 5,000 findings, gzip", () => Gzip(w => ValidRows(w, 5_000, 300))),
        };
        Console.WriteLine("| body | sent | answer | time | server CPU | peak RSS before → after | RSS 5 s after |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
        foreach (var (name, make) in bodies)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var body = make();
            Console.WriteLine(await MeasureAsync(name, body));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; a fresh SQLite server per body."));
    }

    private static async Task<string> MeasureAsync(string name, byte[] body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-hostile-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            // A director declares the incident; a member (write permission, nothing more) sends the body.
            await ServerProcess.RunAsync(folder, Password + "\n", ["admin", "create-user", "--name", "director", "--role", "directeur"]);
            await ServerProcess.RunAsync(folder, Password + "\n", ["admin", "create-user", "--name", "member", "--role", "membre"]);
            var directorToken = (await ServerProcess.RunAsync(folder, null, ["admin", "create-token", "--user", "director"])).Trim();
            var token = (await ServerProcess.RunAsync(folder, null, ["admin", "create-token", "--user", "member"])).Trim();
            await using var server = await ServerProcess.ServeAsync(folder, []);
            using var director = new HttpClient { BaseAddress = server.Address };
            director.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", directorToken);
            using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(10) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var created = await director.PostAsJsonAsync("/api/v1/incidents", new { title = "Bench", kind = "cyber" });
            var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

            // Warm up the import path with a small legitimate batch, so the figures are the body's, not the JIT's.
            (await PostAsync(api, incident, "warmup", Gzip(w => ValidRows(w, 10, 100)))).Dispose();
            var peakBefore = server.Status("VmHWM");
            var cpu = server.CpuTime;
            var watch = Stopwatch.StartNew();
            string answer;
            try
            {
                using var response = await PostAsync(api, incident, "hostile", body);
                var text = await response.Content.ReadAsStringAsync();
                answer = $"{(int)response.StatusCode} {Excerpt(text)}";
            }
            catch (HttpRequestException e)
            {
                answer = "no answer: " + e.Message;
            }

            var elapsed = watch.Elapsed;
            var used = server.CpuTime - cpu;
            var peakAfter = server.Status("VmHWM");
            await Task.Delay(TimeSpan.FromSeconds(5));
            var rssLater = server.Status("VmRSS");
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {body.Length / 1024.0:N0} KB | {answer} | {elapsed.TotalSeconds:N1} s | {used.TotalSeconds:N1} s | {peakBefore / 1024:N0} → {peakAfter / 1024:N0} MB | {rssLater / 1024:N0} MB |");
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, long incident, string run, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        return await api.PostAsync($"/api/v1/incidents/{incident}/findings/import?run={run}&batch=0&final=true", content);
    }

    private static string Excerpt(string text)
    {
        text = text.Replace('|', '/').Replace('\n', ' ');
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    private static byte[] Gzip(Action<Stream> write)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            write(gzip);
        }

        return memory.ToArray();
    }

    private static void Repeat(Stream output, string text, long times)
    {
        var unit = Encoding.ASCII.GetBytes(text);
        var block = new byte[Math.Max(unit.Length, 1 << 16 / unit.Length * unit.Length)];
        for (var i = 0; i + unit.Length <= block.Length; i += unit.Length)
        {
            unit.CopyTo(block, i);
        }

        var perBlock = block.Length / unit.Length;
        for (var left = times; left > 0; left -= perBlock)
        {
            output.Write(block, 0, (int)(Math.Min(left, perBlock) * unit.Length));
        }
    }

    /// <summary>Findings as `vigie hunt --format jsonl` writes them, with a CommandLine detail of <paramref name="detailBytes"/>.</summary>
    private static void ValidRows(Stream output, int rows, int detailBytes)
    {
        var detail = new string('A', detailBytes);
        for (var i = 0; i < rows; i++)
        {
            var line = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["timestamp"] = "2024-02-11T01:00:00Z", ["computer"] = $"WS{i % 300}.corp", ["channel"] = "Security", ["event_id"] = 4688,
                ["record_id"] = i, ["rule_title"] = "Suspicious process", ["rule_id"] = "abc", ["level"] = "high", ["tactics"] = new[] { "execution" },
                ["techniques"] = new[] { "T1059" }, ["rule_author"] = "bench", ["details"] = new Dictionary<string, string> { ["CommandLine"] = detail },
                ["source_file"] = "/logs/a.evtx", ["correlation"] = false,
            });
            output.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
    }
}
