using System.Globalization;
using Vigie.Hunt;
using Vigie.Sigma;

namespace Vigie.Cli.Hunt;

/// <summary>Runs <c>vigie hunt</c>: loads rules, expands inputs, hunts into the chosen output, prints the summary, uploads when asked.</summary>
internal static class HuntRun
{
    /// <summary>Every input read, every rule used.</summary>
    public const int Done = 0;

    /// <summary>Some inputs could not be read fully, or the upload failed (whatever the rules).</summary>
    public const int Partial = 1;

    /// <summary>Unusable options: no rule, no input, a bad option value.</summary>
    public const int BadOptions = 2;

    /// <summary>Every input read, but some rules were rejected at load or disabled during the run: their detections are missing.</summary>
    public const int RulesNotUsed = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM).</summary>
    public const int Interrupted = 130;

    /// <summary>Rejections listed one per line when not quiet; beyond, <c>vigie rules check</c> lists them all.</summary>
    private const int RejectionsListed = 10;

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Rejected rules are always said: one line when quiet, up to <see cref="RejectionsListed"/> lines otherwise.</summary>
    private static void WriteRejections(IReadOnlyList<SigmaRejection> rejections, bool quiet, TextWriter error)
    {
        var count = rejections.Count;
        if (count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var rule = count == 1 ? "rule" : "rules";
        if (quiet || count == 1)
        {
            error.WriteLine(string.Create(c, $"vigie hunt: {count:N0} {rule} rejected{(count == 1 ? ":" : ", first:")} {rejections[0]}{(count > 1 ? " (vigie rules check lists them all)" : "")}"));
            return;
        }

        error.WriteLine(string.Create(c, $"vigie hunt: {count:N0} {rule} rejected:"));
        foreach (var rejection in rejections.Take(RejectionsListed))
        {
            error.WriteLine($"  {rejection}");
        }

        if (count > RejectionsListed)
        {
            error.WriteLine(string.Create(c, $"  … and {count - RejectionsListed:N0} more (vigie rules check lists them all)"));
        }
    }

    public static async Task<int> RunAsync(HuntCliOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        if (options.Incident is not null && (string.IsNullOrWhiteSpace(options.Server) || string.IsNullOrWhiteSpace(options.Token)))
        {
            error.WriteLine("vigie hunt: --incident needs --server and --token (or $VIGIE_TOKEN).");
            return BadOptions;
        }

        Uri? server = null;
        if (options.Server is not null && !Uri.TryCreate(options.Server, UriKind.Absolute, out server))
        {
            error.WriteLine($"vigie hunt: --server {options.Server}: not an absolute URL.");
            return BadOptions;
        }

        CertificatePin? pin = null;
        if (options.Fingerprint is { } fingerprint && !CertificatePin.TryParse(fingerprint, out pin))
        {
            error.WriteLine($"vigie hunt: --fingerprint {fingerprint}: not a SHA-256 fingerprint (64 hexadecimal digits, as vigie serve prints it).");
            return BadOptions;
        }

        HuntFormat format;
        if (options.Format is not null)
        {
            HuntSinks.TryParseFormat(options.Format, out format);
        }
        else
        {
            format = Path.GetExtension(options.Output ?? "").ToUpperInvariant() switch
            {
                ".HTML" or ".HTM" => HuntFormat.Html,
                ".JSONL" or ".JSON" or ".NDJSON" => HuntFormat.Jsonl,
                _ => HuntFormat.Csv,
            };
        }

        // The inputs are listed (every file looked at) while the rules load: two independent waits on the disk.
        var expanding = Task.Run(() => HuntInputs.Expand(options.Paths), cancellationToken);
        var loading = TimeProvider.System.GetTimestamp();
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { CacheDirectory = RuleCacheFolder.Resolve() });
        foreach (var path in options.Rules)
        {
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                error.WriteLine($"vigie hunt: --rules {path}: no such file or directory");
                return BadOptions;
            }

            builder.AddPath(path);
        }

        var rules = builder.Build();
        if (!options.Quiet)
        {
            var seconds = TimeProvider.System.GetElapsedTime(loading).TotalSeconds;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rules: {rules.Rules.Count:N0} loaded, {rules.Rejections.Count:N0} rejected, in {seconds:F2} s ({(rules.LoadedFromCache ? "compiled rule cache" : "compiled")})"));
        }

        WriteRejections(rules.Rejections, options.Quiet, error);

        if (rules.Rules.Count == 0)
        {
            error.WriteLine("vigie hunt: no rule loaded.");
            return BadOptions;
        }

        var (inputs, inputProblems) = await expanding.ConfigureAwait(false);
        foreach (var problem in inputProblems)
        {
            error.WriteLine($"vigie hunt: {problem}");
        }

        if (inputs.Count == 0)
        {
            error.WriteLine("vigie hunt: nothing to read.");
            return BadOptions;
        }

        var inputPaths = new HashSet<string>(inputs.Select(i => Path.GetFullPath(i.Path)), StringComparer.Ordinal);
        if (options.Output is not null && inputPaths.Contains(Path.GetFullPath(options.Output)))
        {
            error.WriteLine($"vigie hunt: --output {options.Output} is one of the inputs; inputs are never modified.");
            return BadOptions;
        }

        Stream output;
        try
        {
            output = options.Output is null ? Console.OpenStandardOutput() : new FileStream(options.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"vigie hunt: cannot write {options.Output}: {ex.Message}");
            return BadOptions;
        }

        var temp = options.TempDirectory ?? Path.GetTempPath();
        var sink = HuntSinks.Create(format, output, temp);
        string? uploadFile = null;
        if (options.Incident is not null)
        {
            uploadFile = Path.Combine(temp, $"vigie-hunt-upload-{Guid.NewGuid():N}.jsonl");
            sink = new TeeSink(sink, new JsonlHuntSink(new FileStream(uploadFile, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16)));
        }

        var interactive = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
        var progress = new HuntProgressLine(error, options.Quiet, interactive);
        var engine = new HuntEngine(rules, new HuntOptions
        {
            Threads = options.Threads,
            MinLevel = options.MinLevel,
            TempDirectory = temp,
            Progress = progress.Report,
        });

        try
        {
            HuntSummary summary;
            var cpuBefore = Environment.CpuUsage.TotalTime;
            try
            {
                summary = engine.Run(inputs, sink, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                progress.Finish();
                error.WriteLine("vigie hunt: interrupted");
                return Interrupted;
            }
            catch (IOException ex)
            {
                progress.Finish();
                error.WriteLine($"vigie hunt: cannot write the output: {ex.Message}");
                return Partial;
            }

            progress.Finish();
            if (!options.Quiet)
            {
                HuntSummaryWriter.Write(summary, error);
                var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cpu: {cpu.TotalSeconds:F1} s for the hunt ({summary.Events / Math.Max(cpu.TotalSeconds, 0.001):N0} events per CPU second; load average {LoadAverage()})"));
            }

            HuntSummaryWriter.WriteProblems(summary, error);
            HuntSummaryWriter.WriteDisabledRules(summary, error);
            var exit = inputProblems.Count > 0 || summary.FileProblems.Any(p => !p.Complete) ? Partial
                : rules.Rejections.Count > 0 || summary.DisabledRules.Count > 0 ? RulesNotUsed
                : Done;
            if (uploadFile is not null && options.Incident is { } incidentId)
            {
                var uploaded = await HuntUploader.UploadAsync(server!, options.Token!, incidentId, uploadFile, error, cancellationToken, pin).ConfigureAwait(false);
                if (!uploaded)
                {
                    exit = Partial;
                }
            }

            return exit;
        }
        finally
        {
            if (uploadFile is not null)
            {
                File.Delete(uploadFile);
            }
        }
    }
}
