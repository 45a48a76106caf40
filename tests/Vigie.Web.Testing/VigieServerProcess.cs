using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigie.Web.Testing;

/// <summary>
/// <c>vigie serve</c> as a real child process on a free port (crash tests: it can be SIGKILLed and started
/// again on the same data). Waits for the "listening" line; keeps the output for failure messages.
/// </summary>
public sealed class VigieServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private VigieServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<VigieServerProcess> StartAsync(string workingDirectory, int port, params string[] extraArgs)
    {
        var address = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(VigieCli.StartInfo(workingDirectory, ["serve", "--urls", address.ToString().TrimEnd('/'), .. extraArgs]))!;
        var server = new VigieServerProcess(process, address);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(e.Data);
            }

            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._output)
                {
                    server._output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"vigie serve did not start: {server.Output}");
        }

        return server;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as when the power goes.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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
