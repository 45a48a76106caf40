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

    /// <summary>Starts `vigie serve` on http://127.0.0.1:<paramref name="port"/>, or on the <c>--urls</c> given in <paramref name="extraArgs"/>.</summary>
    public static async Task<VigieServerProcess> StartAsync(string workingDirectory, int port, params string[] extraArgs)
    {
        var urls = Array.IndexOf(extraArgs, "--urls") is var i and >= 0 ? extraArgs[i + 1] : null;
        var address = new Uri(urls?.Split(';')[0] ?? $"http://127.0.0.1:{port}");
        string[] args = urls is null ? ["serve", "--urls", address.ToString().TrimEnd('/'), .. extraArgs] : ["serve", .. extraArgs];
        var process = Process.Start(VigieCli.StartInfo(workingDirectory, args))!;
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

    /// <summary>Waits (at most 30 s) until the server has printed a line containing <paramref name="text"/>.</summary>
    public async Task<string> WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Output;
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
