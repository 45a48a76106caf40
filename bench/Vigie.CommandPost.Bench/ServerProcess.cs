using System.Diagnostics;
using System.Globalization;
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

    /// <summary>
    /// CPU time the server process has used so far, user + system, read from /proc/PID/stat (fields utime and stime, in
    /// clock ticks of USER_HZ, which the kernel fixes at 100 per second for /proc whatever its internal HZ).
    /// </summary>
    public TimeSpan ProcCpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis, from field 3 (state).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    /// <summary>A line of this server's /proc/PID/status in kB (VmHWM: peak resident set so far; VmRSS: resident set now).</summary>
    public long Status(string key) => Status(_process.Id, key);

    /// <summary>A line of /proc/PID/status in kB (VmHWM: peak resident set so far; VmRSS: resident set now); 0 when absent.</summary>
    public static long Status(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
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
