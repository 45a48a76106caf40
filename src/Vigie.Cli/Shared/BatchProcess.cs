using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Vigie.Cli.Shared;

/// <summary>
/// Runs the batch commands (<c>vigie hunt</c>, <c>vigie evtx</c>) in a child process: <c>vigie-batch</c>, the same
/// commands compiled ahead of time (src/Vigie.Batch), when scripts/publish-vigie built it beside <c>vigie.dll</c>;
/// otherwise <c>vigie</c> itself with the runtime tuned for one long run, measured for each below. The rest of
/// <c>vigie</c> (the web server, a long-lived process) keeps the runtime's defaults.
/// <c>vigie-batch</c> needs no JIT at all: on one 671 MB file (156,845 records, JSON lines, 2 threads, 2026-12-07,
/// median of 5) 0.34 s against 0.47 s for the tuned child below; the hunt of bench/hunt-vs-peers (156,845 events,
/// every SigmaHQ Windows rule, rule cache) 1.59 s against 2.26 s (median of 3), rules compiled without the cache
/// 0.50 s against about 1 s. <c>VIGIE_BATCH=jit</c> runs the tuned child even when <c>vigie-batch</c> is there (<see cref="BatchVariable"/>).
/// The <c>./vigie</c> launcher makes the same choice before starting vigie at all and starts vigie-batch itself
/// (sparing vigie's own start, 0.03-0.04 s); keep the two in step (tests/Vigie.Cli.Tests/LauncherTests.cs).
/// <list type="bullet">
/// <item><c>hunt</c>: tiered compilation off (<c>DOTNET_TieredCompilation=0</c>): a hunt is one long batch whose hot code
/// (EVTX parsing, thousands of compiled Sigma matchers and regular expressions) then runs fully optimised from its first
/// call instead of going through the quick-JIT and instrumented tiers first. Measured on the shared corpus ×5 (41,275
/// events) with every SigmaHQ Windows rule and the compiled rule cache, CPU time of the whole command (perf stat
/// task-clock, bench/hunt-vs-peers' command): 2.2-2.3 s with DOTNET_TieredCompilation=0 against 4.2-4.4 s tiered
/// (2026-12-07, two runs each, machine shared). The child also uses the workstation garbage collector
/// (<c>DOTNET_gcServer=0</c>, unless set): on the shared corpus ×122 (1,007,110 events) it was faster than the server
/// collector (10.2 s against 11.1 s) and peaked at 390 MB instead of 533 MB. And it asks the collector to work hardest
/// at keeping the heap compact (<c>DOTNET_GCConserveMemory=9</c>, unless set): bench/hunt-vs-peers (every SigmaHQ
/// Windows rule, rule cache, 2 threads, 2026-12-07, quiet machine), on 150,390 events 2.12 s and 235 MB without it,
/// 2.01 s and 215 MB with it (median of 3); on 1,002,600 events 6.7-7.3 s and 339-376 MB without it, 6.9-7.1 s and
/// 272-278 MB with it (two runs each). The size of the detections' sort buffer (HuntOptions.DetectionsInMemory,
/// 50,000 or 10,000) made no difference to the peak.</item>
/// <item><c>evtx</c>: tiered compilation off (<c>DOTNET_TieredCompilation=0</c>), as for the hunt: in a run of a second
/// or less, the quick-JIT code, the call counting and the re-compilations cost more than they give back (perf showed
/// quick-jitted code and call-counting stubs among the hottest symbols). JSON lines over one 671 MB file (156,845
/// records, 2 threads, 2026-12-07, quiet machine, once only the `evtx` command is built at start): 0.66-0.67 s with
/// dynamic PGO off (the earlier setting, itself 1.36 s of CPU against 2.55 s with PGO), 0.47-0.51 s with tiered
/// compilation off.</item>
/// </list>
/// Set the variable yourself (any value) to run in-process. The garbage collector's settings apply to
/// <c>vigie-batch</c> as well.
/// </summary>
internal static class BatchProcess
{
    private const string GcServer = "DOTNET_gcServer";
    private const string GcConserveMemory = "DOTNET_GCConserveMemory";

    /// <summary>The variables to run <paramref name="args"/> with in a child process, or null to run here.</summary>
    public static IReadOnlyDictionary<string, string>? Tuning(string[] args)
    {
        if (args.Length == 0 || Environment.ProcessPath is null || args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            return null;
        }

        return args[0] switch
        {
            "hunt" when Unset("DOTNET_TieredCompilation") => HuntTuning(),
            "evtx" when Unset("DOTNET_TieredPGO") && Unset("DOTNET_TieredCompilation") => new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" },
            _ => null,
        };
    }

    private static Dictionary<string, string> HuntTuning()
    {
        var variables = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" };
        if (Unset(GcServer))
        {
            variables[GcServer] = "0";
        }

        if (Unset(GcConserveMemory))
        {
            variables[GcConserveMemory] = "9";
        }

        return variables;
    }

    private static bool Unset(string variable) => Environment.GetEnvironmentVariable(variable) is null;

    /// <summary>
    /// The environment variable that chooses the child: <c>jit</c> for vigie itself, the path of a vigie-batch to run
    /// that one, unset for the vigie-batch beside vigie when there is one.
    /// </summary>
    public const string BatchVariable = "VIGIE_BATCH";

    /// <summary>
    /// The vigie-batch to run (see <see cref="BatchVariable"/>; <paramref name="folder"/> is vigie's own), or null for
    /// vigie itself, which it also is on an x86-64 processor without the instructions vigie-batch is compiled for.
    /// </summary>
    public static string? NativeBatch(string folder)
    {
        var chosen = Environment.GetEnvironmentVariable(BatchVariable);
        if (chosen == "jit" || !ProcessorFitsNativeBatch)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(chosen))
        {
            return chosen; // named: run that one, or say it is not there (Relaunch)
        }

        var beside = Path.Combine(folder, OperatingSystem.IsWindows() ? "vigie-batch.exe" : "vigie-batch");
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>
    /// On x86-64, vigie-batch is compiled for x86-64-v3 (src/Vigie.Batch/Vigie.Batch.csproj): AVX2, BMI1, BMI2, FMA,
    /// LZCNT (with AVX, F16C and MOVBE, which processors that have these have too).
    /// </summary>
    public static bool ProcessorFitsNativeBatch => RuntimeInformation.ProcessArchitecture != Architecture.X64
        || (Avx2.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Fma.IsSupported && Lzcnt.IsSupported);

    /// <summary>How to start the child for <paramref name="args"/>: vigie-batch when there is one, else vigie again.</summary>
    public static ProcessStartInfo ChildStart(string[] args, IReadOnlyDictionary<string, string> variables, string? nativeBatch)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variables);
        var start = new ProcessStartInfo(nativeBatch ?? Environment.ProcessPath!) { UseShellExecute = false };
        // Under the muxer (dotnet vigie.dll ...) vigie's child needs the assembly path; the native vigie executable does
        // not, although it too reports vigie.dll as its first command-line argument.
        if (nativeBatch is null && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static int Relaunch(string[] args, IReadOnlyDictionary<string, string> variables)
    {
        var native = NativeBatch(AppContext.BaseDirectory);
        if (native is not null && !File.Exists(native))
        {
            Console.Error.WriteLine($"vigie: {BatchVariable} names {native}, which does not exist (unset it, or set it to jit).");
            return 2;
        }

        var start = ChildStart(args, variables, native);

        using var child = Process.Start(start);
        if (child is null)
        {
            return 2; // could not start: unusable as given
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
