using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Testing;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests.Hunt;

/// <summary>
/// vigie-batch, <c>vigie evtx</c> and <c>vigie hunt</c> compiled ahead of time (src/Vigie.Batch), gives byte for byte
/// what vigie gives running them itself, and vigie hands these commands to it. scripts/test publishes it and names it
/// in <c>VIGIE_TEST_BATCH</c>; without it these tests are skipped (failed in CI).
/// </summary>
public sealed class NativeBatchTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-native-batch-");

    /// <summary>The vigie-batch scripts/test published (<c>VIGIE_TEST_BATCH</c>); the test is skipped without it (failed in CI).</summary>
    internal static string NativeBatch()
    {
        Assert.SkipUnless(BatchProcess.ProcessorFitsNativeBatch, "this processor lacks the instructions vigie-batch is compiled for: vigie runs the commands itself");
        var path = Environment.GetEnvironmentVariable("VIGIE_TEST_BATCH");
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        var message = $"vigie-batch was not published (VIGIE_TEST_BATCH={path ?? "unset"}): scripts/test publishes it";
        if (RepositoryPaths.IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return path!;
    }

    /// <summary>Runs <c>dotnet vigie.dll</c> with <c>VIGIE_BATCH</c> set (a vigie-batch path, or <c>jit</c>), its output into a file.</summary>
    private async Task<(int ExitCode, string Error, byte[] Output)> VigieAsync(string batch, IDictionary<string, string>? environment, params string[] args)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { [BatchProcess.BatchVariable] = batch };
        var start = VigieCli.StartInfo(_folder.FullName, args, variables);
        var output = Path.Combine(_folder.FullName, $"stdout-{Guid.NewGuid():N}");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await using (var file = File.Create(output))
        {
            await process.StandardOutput.BaseStream.CopyToAsync(file, TestContext.Current.CancellationToken);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error, await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("xml")]
    public async Task EvtxDump_OfTheSharedCorpus_IsTheSameFromVigieBatch(string format)
    {
        var native = NativeBatch();
        var corpus = RepositoryPaths.SharedData("evtx");
        var jit = await VigieAsync("jit", null, "evtx", "dump", corpus, "--format", format, "--threads", "2", "--quiet");
        var aot = await VigieAsync(native, null, "evtx", "dump", corpus, "--format", format, "--threads", "2", "--quiet");
        Assert.Equal(jit.ExitCode, aot.ExitCode);
        Assert.True(jit.Output.Length > 1_000_000, $"{jit.Output.Length} bytes: {jit.Error}");
        Assert.True(jit.Output.AsSpan().SequenceEqual(aot.Output), $"vigie-batch's {format} differs from vigie's ({aot.Output.Length} and {jit.Output.Length} bytes)");
    }

    [Fact]
    public async Task Hunt_OfTheSharedCorpus_WithEverySigmaHqRule_IsTheSameFromVigieBatch_CachedOrNot()
    {
        var native = NativeBatch();
        var corpus = RepositoryPaths.SharedData("evtx");
        var sigma = RepositoryPaths.SharedData("sigma");
        string[] Hunt(string output) =>
            ["hunt", corpus, "--rules", Path.Combine(sigma, "rules", "windows"), Path.Combine(sigma, "rules-emerging-threats"), Path.Combine(sigma, "rules-threat-hunting"),
             "--threads", "2", "--format", "csv", "--output", output, "--quiet"];
        var cache = new Dictionary<string, string> { ["VIGIE_RULE_CACHE"] = Path.Combine(_folder.FullName, "cache") };
        var coldCache = new Dictionary<string, string> { ["VIGIE_RULE_CACHE"] = Path.Combine(_folder.FullName, "cold-cache") };

        var jit = await VigieAsync("jit", cache, Hunt("jit.csv")); // compiles the rules and writes the cache
        var cached = await VigieAsync(native, cache, Hunt("native-cached.csv")); // reads the cache vigie wrote
        var cold = await VigieAsync(native, coldCache, Hunt("native-cold.csv")); // compiles the rules itself
        Assert.Equal(3, jit.ExitCode); // two SigmaHQ rules need placeholder values: rejected, said, exit 3
        Assert.Equal((jit.ExitCode, jit.Error), (cached.ExitCode, cached.Error));
        Assert.Equal((jit.ExitCode, jit.Error), (cold.ExitCode, cold.Error));
        var expected = await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "jit.csv"), TestContext.Current.CancellationToken);
        Assert.True(expected.Split('\n').Length > 1_000, expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "native-cached.csv"), TestContext.Current.CancellationToken));
        Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "native-cold.csv"), TestContext.Current.CancellationToken));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder.FullName, "cold-cache"), "*", SearchOption.AllDirectories));
        var again = await VigieAsync(native, cache, [.. Hunt("again.csv").Where(a => a != "--quiet")]);
        Assert.Contains("(compiled rule cache)", again.Error, StringComparison.Ordinal); // the cache vigie wrote was read
    }

    [Fact]
    public async Task Hunt_FromVigieBatch_SendsItsFindingsToAnIncident()
    {
        // The server's answer is read without reflection in vigie-batch (UploadJson): an upload proves it is read.
        var native = NativeBatch();
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("hunter", UserRole.Membre);
        var token = await server.CreateTokenAsync("hunter");
        var client = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", severity = "critique" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetInt64();
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "logs"));
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "logs", "a.jsonl"),
            """{"EventTime":"2024-03-01T10:00:00Z","Hostname":"WS1.corp","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":1,"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami /all"}""" + "\n",
            TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "rule.yml"), """
            title: Whoami run
            id: 11111111-1111-1111-1111-111111111111
            author: Test Author
            level: high
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\whoami.exe'}
                condition: selection
            """, TestContext.Current.CancellationToken);

        var result = await VigieAsync(native, null, "hunt", "logs", "--rules", "rule.yml", "--output", "timeline.csv",
            "--incident", incident.ToString(System.Globalization.CultureInfo.InvariantCulture), "--server", server.Address.ToString(), "--token", token);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("upload: 1 detections added to incident", result.Error, StringComparison.Ordinal);
        var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Test Author", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("ruleAuthor").GetString());
    }

    [Fact]
    public async Task Vigie_WhenToldOfAVigieBatchThatIsNotThere_SaysSo()
    {
        Assert.SkipUnless(BatchProcess.ProcessorFitsNativeBatch, "this processor lacks the instructions vigie-batch is compiled for: vigie runs the commands itself");
        var missing = Path.Combine(_folder.FullName, "no-such-vigie-batch");
        var result = await VigieAsync(missing, null, "evtx", "dump", _folder.FullName);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"VIGIE_BATCH names {missing}, which does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheChild_IsVigieBatch_WithTheArgumentsAsGiven_OrVigieItself()
    {
        var variables = new Dictionary<string, string> { ["DOTNET_GCConserveMemory"] = "9" };
        var native = BatchProcess.ChildStart(["hunt", "logs", "--rules", "r"], variables, "/opt/vigie/vigie-batch");
        Assert.Equal("/opt/vigie/vigie-batch", native.FileName);
        Assert.Equal(["hunt", "logs", "--rules", "r"], native.ArgumentList);
        Assert.Equal("9", native.Environment["DOTNET_GCConserveMemory"]);

        var itself = BatchProcess.ChildStart(["hunt", "logs"], variables, nativeBatch: null);
        Assert.Equal(Environment.ProcessPath, itself.FileName);
        Assert.Equal(["hunt", "logs"], itself.ArgumentList.TakeLast(2));
    }

    [Fact]
    public void VigieBatch_IsLookedForBesideVigie_UnlessTheJitIsAskedFor()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(BatchProcess.BatchVariable) is not null, "VIGIE_BATCH is set here");
        Assert.SkipUnless(BatchProcess.ProcessorFitsNativeBatch, "this processor lacks the instructions vigie-batch is compiled for: vigie runs the commands itself");
        Assert.Null(BatchProcess.NativeBatch(_folder.FullName));
        var beside = Path.Combine(_folder.FullName, OperatingSystem.IsWindows() ? "vigie-batch.exe" : "vigie-batch");
        File.WriteAllText(beside, "");
        Assert.Equal(beside, BatchProcess.NativeBatch(_folder.FullName));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
