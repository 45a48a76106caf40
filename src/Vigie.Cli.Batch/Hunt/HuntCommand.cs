using System.CommandLine;
using Vigie.Hunt;

namespace Vigie.Cli.Hunt;

/// <summary><c>vigie hunt PATH… --rules DIR… [--min-level L] [--output FILE] [--format F] [--threads N] [--incident ID --server URL --token T]</c>.</summary>
internal static class HuntCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Event log files (.evtx) and JSON event files (Winlogbeat, NXLog, evtx_dump JSON lines), or directories searched recursively for them.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "PATH",
        };
        var rules = new Option<string[]>("--rules", "-r")
        {
            Description = "Sigma rule files or folders (searched recursively); repeat for several. Compiled rule sets are kept in $VIGIE_RULE_CACHE "
                + "(default ~/.cache/vigie/rules, 'off' for none), keyed by the rule files' contents: a changed rule compiles afresh.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "DIR",
        };
        var minLevel = new Option<string>("--min-level", "-l")
        {
            Description = "Lowest rule level written: informational, low, medium, high or critical.",
            DefaultValueFactory = _ => "informational",
            HelpName = "LEVEL",
        };
        minLevel.Validators.Add(result =>
        {
            if (!HuntLevels.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError("--min-level must be informational, low, medium, high or critical.");
            }
        });
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the timeline to this file (default: standard output).",
            HelpName = "FILE",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "csv (Timeline Explorer, LibreOffice), jsonl (Vigie's, what the command post imports), timesketch (JSON lines for Timesketch) or html (one self-contained report). Default: from the output file's extension, else csv.",
            HelpName = "csv|jsonl|timesketch|html",
        };
        format.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !HuntSinks.TryParseFormat(value, out _))
            {
                result.AddError($"Unknown format '{value}': use csv, jsonl, timesketch or html.");
            }
        });
        var threads = new Option<int>("--threads", "-t")
        {
            Description = "Worker threads (default: every core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on standard error (problems, rejected and disabled rules are still reported)." };
        var temp = new Option<string?>("--temp-dir")
        {
            Description = "Where the final time ordering may spill sorted runs (default: the system's temporary folder).",
            HelpName = "DIR",
        };
        var incident = new Option<long?>("--incident") { Description = "Send the detections to this incident of a Vigie command post (with --server and --token).", HelpName = "ID" };
        var server = new Option<string?>("--server") { Description = "The command post's address, e.g. https://vigie.local:5001.", HelpName = "URL" };
        var token = new Option<string?>("--token")
        {
            Description = "An API token with write permission (default: $VIGIE_TOKEN).",
            HelpName = "TOKEN",
        };

        var fingerprint = new Option<string?>("--fingerprint")
        {
            Description = "The SHA-256 fingerprint that `vigie serve --https` printed: the upload trusts that certificate (self-signed on the local network) and no other.",
            HelpName = "SHA256",
        };

        var command = new Command("hunt", "Run Sigma rules over Windows event logs and write one attack timeline, ordered by time across every file "
            + "(correlation rules included). Inputs are never modified; a damaged file yields what can be read and a warning. "
            + "Rules that cannot be used are always said, with --quiet too: rejected at load, or disabled during the run when their regular "
            + "expressions run away. Exit codes: 0 done, every rule used; 1 some inputs could not be read fully, or the upload failed; "
            + "2 unusable options (no rule, no input); 3 done, but some rules were rejected or disabled (their detections are missing); 130 interrupted.")
        {
            paths, rules, minLevel, output, format, threads, quiet, temp, incident, server, token, fingerprint,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            HuntLevels.TryParse(parseResult.GetValue(minLevel), out var level);
            var options = new HuntCliOptions(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(rules) ?? [],
                level,
                parseResult.GetValue(output),
                parseResult.GetValue(format),
                parseResult.GetValue(threads),
                parseResult.GetValue(quiet),
                parseResult.GetValue(temp),
                parseResult.GetValue(incident),
                parseResult.GetValue(server),
                parseResult.GetValue(token) ?? Environment.GetEnvironmentVariable("VIGIE_TOKEN"),
                parseResult.GetValue(fingerprint));
            return HuntRun.RunAsync(options, Console.Error, cancellationToken);
        });
        return command;
    }
}
