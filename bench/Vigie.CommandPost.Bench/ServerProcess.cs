using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigie.CommandPost.Bench;

/// <summary>Runs the vigie executable beside the benchmark binaries (a one-shot command, or `serve` until disposed).</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The server's process id (its /proc/PID/status gives its resident memory).</summary>
    public int Id => _process.Id;

    /// <summary>CPU time the server process has used so far (all cores), to report CPU per request.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The server process's working set now (bytes).</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    private static ProcessStartInfo Start(string folder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigie.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static async Task<string> RunAsync(string folder, string? stdin, params string[] args)
    {
        using var process = Process.Start(Start(folder, args))!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"vigie {string.Join(' ', args)}: {error}");
    }

    public static async Task<ServerProcess> ServeAsync(string folder, string[] databaseArgs)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var address = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(Start(folder, ["serve", "--urls", address.ToString().TrimEnd('/'), .. databaseArgs]))!;
        process.StandardInput.Close();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true) { ready.TrySetResult(); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  server: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(90))) != ready.Task)
        {
            process.Kill();
            throw new InvalidOperationException("vigie serve did not start");
        }

        return new ServerProcess(process, address);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
