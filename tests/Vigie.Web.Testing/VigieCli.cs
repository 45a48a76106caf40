using System.Diagnostics;

namespace Vigie.Web.Testing;

/// <summary>
/// Runs the real <c>vigie</c> executable (vigie.dll beside the test binaries: the test project references
/// Vigie.Cli) as a child process, for CLI tests and for tests that start, kill and restart a server.
/// </summary>
public static class VigieCli
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "vigie.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("vigie.dll is not beside the test binaries: reference src/Vigie.Cli from the test project.", path);
        }
    }

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("VIGIE_DATABASE");
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs vigie to completion (at most two minutes) and returns its exit code and output.</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, string? stdin, params string[] args) =>
        RunAsync(workingDirectory, stdin, null, args);

    /// <summary>The same, with environment variables added.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, string? stdin, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
