using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vigie.Cli.Hunt;

/// <summary>
/// Runs <c>vigie hunt</c> in a child process with tiered compilation off (<c>DOTNET_TieredCompilation=0</c>):
/// a hunt is one long batch whose hot code (EVTX parsing, thousands of compiled Sigma matchers and regular
/// expressions) then runs fully optimised from its first call instead of going through the quick-JIT and
/// instrumented tiers first. Measured on the shared corpus ×5 (41,275 events) with every SigmaHQ Windows rule and the
/// compiled rule cache, both in-process with the workstation collector, CPU time of the whole command (perf stat
/// task-clock, bench/hunt-vs-peers' command): 2.2-2.3 s with DOTNET_TieredCompilation=0 against 4.2-4.4 s tiered
/// (2026-12-07, two runs each, machine shared). The child also uses the workstation garbage collector
/// (<c>DOTNET_gcServer=0</c>, unless set): on the shared corpus ×122 (1,007,110 events) it was faster than the
/// server collector (10.2 s against 11.1 s) and peaked at 390 MB instead of 533 MB. The rest of <c>vigie</c> (the
/// web server) keeps the defaults. Set <c>DOTNET_TieredCompilation</c> yourself (any value) to run in-process.
/// </summary>
internal static class HuntProcess
{
    private const string Variable = "DOTNET_TieredCompilation";
    private const string GcServer = "DOTNET_gcServer";

    public static bool ShouldRelaunch(string[] args) =>
        args.Length > 0 && args[0] == "hunt" && Environment.GetEnvironmentVariable(Variable) is null &&
        !args.Contains("--help") && !args.Contains("-h") && !args.Contains("-?") && Environment.ProcessPath is not null;

    public static int Relaunch(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under the muxer (dotnet vigie.dll ...) the child needs the assembly path; the native vigie executable does
        // not, although it too reports vigie.dll as its first command-line argument.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Variable] = "0";
        if (Environment.GetEnvironmentVariable(GcServer) is null)
        {
            start.Environment[GcServer] = "0";
        }

        using var child = Process.Start(start);
        if (child is null)
        {
            return HuntRun.BadOptions;
        }

        // Ctrl+C reaches the child too (same process group): it stops cleanly; wait for it. SIGTERM is sent to this
        // process only: forward it, so that the child stops the same way (its output closed, its temporary run files
        // removed) instead of being killed.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Forward(child, SigTerm);
        });
        child.WaitForExit();
        return child.ExitCode;
    }

    private const int SigTerm = 15;

    private static void Forward(Process child, int signal)
    {
        try
        {
            if (!child.HasExited && Kill(child.Id, signal) != 0)
            {
                child.Kill(entireProcessTree: true); // the signal could not be sent: stop it anyway
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
