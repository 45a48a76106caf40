using System.Diagnostics;
using Vigie.Cli.Shared;
using Vigie.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// The <c>./vigie</c> launcher sends <c>vigie evtx</c> and <c>vigie hunt</c> straight to vigie-batch exactly when vigie
/// itself would (src/Vigie.Cli/Shared/BatchProcess.cs), with the hunt's garbage-collector settings, and everything else
/// to vigie. Run against a published folder (<c>VIGIE_BIN</c>) whose vigie-batch and <c>dotnet</c> only say how they
/// were called.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-launcher-");

    public LauncherTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "bin"));
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "path"));
        Script(Path.Combine(_folder.FullName, "bin", "vigie-batch"),
            "printf 'vigie-batch %s | gc %s %s\\n' \"$*\" \"${DOTNET_gcServer-unset}\" \"${DOTNET_GCConserveMemory-unset}\"");
        Script(Path.Combine(_folder.FullName, "path", "dotnet"), "printf 'vigie %s\\n' \"$*\"");
    }

    private static void Script(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task<string> LaunchAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "vigie"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "VIGIE_BATCH", "DOTNET_TieredCompilation", "DOTNET_TieredPGO", "DOTNET_gcServer", "DOTNET_GCConserveMemory" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["VIGIE_BIN"] = Path.Combine(_folder.FullName, "bin");
        start.Environment["PATH"] = Path.Combine(_folder.FullName, "path") + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }

    [Fact]
    public async Task EvtxAndHunt_GoStraightToVigieBatch_WithTheHuntsCollectorSettings()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the launcher is a bash script reading /proc/cpuinfo");
        Assert.SkipUnless(BatchProcess.ProcessorFitsNativeBatch, "this processor lacks the instructions vigie-batch is compiled for: both send to vigie");

        Assert.Equal("vigie-batch evtx dump a b.evtx | gc unset unset", await LaunchAsync(null, "evtx", "dump", "a b.evtx"));
        Assert.Equal("vigie-batch hunt logs --rules r | gc 0 9", await LaunchAsync(null, "hunt", "logs", "--rules", "r"));
        Assert.Equal("vigie-batch hunt logs | gc 1 3", await LaunchAsync(new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCConserveMemory"] = "3" }, "hunt", "logs"));
        // vigie itself relaunches the hunt under DOTNET_TieredPGO (only DOTNET_TieredCompilation keeps it in-process)
        Assert.Equal("vigie-batch hunt logs | gc 0 9", await LaunchAsync(new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }, "hunt", "logs"));
        Assert.Equal("vigie-batch evtx dump x | gc unset unset", await LaunchAsync(new Dictionary<string, string> { ["VIGIE_BATCH"] = "" }, "evtx", "dump", "x"));
    }

    [Fact]
    public async Task EverythingElse_GoesToVigie_WhichDecidesItself()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the launcher is a bash script reading /proc/cpuinfo");
        var vigie = Path.Combine(_folder.FullName, "bin", "vigie.dll");

        Assert.Equal($"vigie {vigie} serve --demo", await LaunchAsync(null, "serve", "--demo"));
        Assert.Equal($"vigie {vigie} evtx dump x --help", await LaunchAsync(null, "evtx", "dump", "x", "--help"));
        Assert.Equal($"vigie {vigie} hunt -h", await LaunchAsync(null, "hunt", "-h"));
        Assert.Equal($"vigie {vigie} hunt -?", await LaunchAsync(null, "hunt", "-?"));
        Assert.Equal($"vigie {vigie} evtx dump x", await LaunchAsync(new Dictionary<string, string> { ["VIGIE_BATCH"] = "jit" }, "evtx", "dump", "x"));
        Assert.Equal($"vigie {vigie} hunt logs", await LaunchAsync(new Dictionary<string, string> { ["VIGIE_BATCH"] = "/elsewhere/vigie-batch" }, "hunt", "logs"));
        Assert.Equal($"vigie {vigie} hunt logs", await LaunchAsync(new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }, "hunt", "logs"));
        Assert.Equal($"vigie {vigie} evtx dump x", await LaunchAsync(new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }, "evtx", "dump", "x"));
        Assert.Equal($"vigie {vigie} evtx dump x", await LaunchAsync(new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "" }, "evtx", "dump", "x"));
        Assert.Equal($"vigie {vigie}", await LaunchAsync(null));

        File.Delete(Path.Combine(_folder.FullName, "bin", "vigie-batch"));
        Assert.Equal($"vigie {vigie} evtx dump x", await LaunchAsync(null, "evtx", "dump", "x"));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
