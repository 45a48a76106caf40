using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigie.Testing;
using Xunit;

namespace Vigie.Web.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, a free port), for tests that stop and
/// start the server: the shared test server must never be stopped, other test projects use it in parallel.
/// Runs as the postgres user through <c>runuser</c> when the tests run as root. Skipped outside CI when
/// PostgreSQL's binaries are absent.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Makes and starts the server; its files go in a new folder under <paramref name="parent"/> (default: the temporary folder).</summary>
    public static async Task<PrivatePostgres> StartAsync(string? parent = null)
    {
        var bin = FindBin();
        var folder = Path.Combine(parent ?? Path.GetTempPath(), "vigie-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", folder);
        }

        var server = new PrivatePostgres(bin, folder, FreePort());
        await server.AsPostgresAsync(Path.Combine(bin, "initdb"), "-D", server.Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale");
        await server.StartServerAsync();
        return server;
    }

    public Task StartServerAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=on", "start");

    public Task StopServerAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBin()
    {
        if (Environment.GetEnvironmentVariable("VIGIE_TEST_PG_CTL") is { Length: > 0 } pgCtl && File.Exists(pgCtl))
        {
            return Path.GetDirectoryName(pgCtl)!;
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().ToList()
            : [];
        if (candidates.Count == 0)
        {
            if (RepositoryPaths.IsCi)
            {
                Assert.Fail("PostgreSQL server binaries not found (scripts/test installs postgresql).");
            }

            Assert.Skip("PostgreSQL server binaries not found; run ./scripts/test to get them.");
        }

        return candidates[^1];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task AsPostgresAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
