using System.CommandLine;
using System.Text;
using Vigie.Evtx;
using Vigie.Evtx.Rendering;

namespace Vigie.Cli.Evtx;

/// <summary><c>vigie evtx dump FILE|DIR… --format xml|jsonl|tsv [--threads N] [--output FILE] [--code-page CP] [--no-slack]</c>.</summary>
internal static class EvtxDumpCommand
{
    private static readonly string[] s_formats = ["xml", "jsonl", "tsv", "none"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Event log files, or directories searched recursively for *.evtx.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "FILE|DIR",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "xml: events as Windows renders them, inside one <Events> document. "
                + "jsonl: one JSON object per line, shaped like evtx_dump's (Event.System.*, Event.EventData.*). "
                + "tsv: one line per event (time, record id, channel, provider, event id, level, computer, user, process, thread, named values) for a quick look.",
            DefaultValueFactory = _ => "xml",
            HelpName = "xml|jsonl|tsv",
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!s_formats.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"Unknown format '{value}': use xml, jsonl or tsv.");
            }
        });
        var threads = new Option<int>("--threads", "-t")
        {
            Description = "Worker threads (default: every core). Chunks are read in parallel; output keeps file and record order.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file instead of standard output.",
            HelpName = "FILE",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress and no summary on standard error (problems are still reported).",
        };
        var codePage = CodePageOption();
        var noSlack = new Option<bool>("--no-slack")
        {
            Description = "Only the live records. By default the intact records left in each chunk's slack space "
                + "(overwritten or left behind, not shown by Windows) are also written after the chunk's live records, "
                + "marked as recovered (an XML comment, \"RecoveredFromSlack\": true in JSON, RecoveredFromSlack=true in TSV).",
        };

        var command = new Command("dump", "Write the events of .evtx files as XML, JSON lines or TSV. "
            + "Damaged files are read as far as they go: checksum errors and damaged records are reported on standard error "
            + "and the rest is still read. The exit code is non-zero only when a file cannot be read at all.")
        {
            paths, format, threads, output, quiet, codePage, noSlack,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error ?? Console.Error;
            var reading = new EvtxReadOptions
            {
                RecoverSlack = !parseResult.GetValue(noSlack),
                AnsiEncoding = parseResult.GetValue(codePage) ?? EvtxReadOptions.Windows1252,
            };
            return Task.FromResult(Run(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(format) ?? "xml",
                parseResult.GetValue(threads),
                parseResult.GetValue(output),
                parseResult.GetValue(quiet),
                error,
                reading,
                cancellationToken));
        });
        return command;
    }

    /// <summary><c>--code-page</c>: the code page of ANSI strings, by number or name (shared by dump and info).</summary>
    internal static Option<System.Text.Encoding?> CodePageOption() => new("--code-page")
    {
        Description = "Code page of ANSI strings in the logs: the ANSI code page of the Windows machine that wrote them "
            + "(the file does not record it). A number (1252, 1251, 932…) or a name (windows-1251, shift_jis…). Default: 1252 (western Europe).",
        HelpName = "CP",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (EvtxReadOptions.TryGetCodePage(text, out var encoding, out var message))
            {
                return encoding;
            }

            result.AddError($"--code-page: {message}.");
            return null;
        },
    };

    public static int Run(string[] arguments, string format, int threads, string? outputPath, bool quiet, TextWriter error, EvtxReadOptions? reading = null, CancellationToken cancellationToken = default)
    {
        var files = EvtxPaths.Expand(arguments, error, out var missing);
        Stream output;
        try
        {
            output = EvtxPaths.OpenOutput(outputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"vigie evtx dump: cannot write {outputPath}: {ex.Message}");
            return 2;
        }

        var interactive = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
        var handler = new DumpHandler(format, output, error, new EvtxProgress(error, quiet, interactive), files.Count);
        using (output)
        {
            if (format == "xml")
            {
                output.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>"u8);
            }

            try
            {
                EvtxParallelReader.Run(files, handler, new EvtxParallelOptions { Threads = threads, KeepOrder = true, SmallResults = format == "none", Reading = reading ?? new EvtxReadOptions { RecoverSlack = true } }, cancellationToken);
            }
            catch (IOException ex)
            {
                error.WriteLine($"vigie evtx dump: cannot write the output: {ex.Message}");
                return 2;
            }
            catch (OperationCanceledException)
            {
                handler.Finish(quiet: true);
                error.WriteLine("vigie evtx dump: interrupted");
                return 130;
            }

            if (format == "xml")
            {
                output.Write("\n</Events>\n"u8);
            }

            output.Flush();
        }

        handler.Finish(quiet);
        return missing || handler.FailedFiles > 0 ? 1 : 0;
    }

    /// <summary>Renders chunks on worker threads into pooled buffers; writes them in order on the calling thread.</summary>
    private sealed class DumpHandler(string format, Stream output, TextWriter error, EvtxProgress progress, int fileCount)
        : EvtxChunkHandler<Utf8Buffer?>
    {
        private const int MaxProblemsShownPerFile = 20;
        private int _filesDone;
        private long _records;
        private long _bytes;
        private long _problems;
        private int _problemsThisFile;
        private long _fieldChecksum;
        private long _recovered;

        public int FailedFiles { get; private set; }

        public override Utf8Buffer? ProcessChunk(EvtxChunk chunk)
        {
            var recovered = 0;
            if (format == "none")
            {
                long sum = 0;
                foreach (var record in chunk.Records)
                {
                    sum += TouchEveryField(record);
                    recovered += record.RecoveredFromSlack ? 1 : 0;
                }

                Interlocked.Add(ref _fieldChecksum, sum);
                Interlocked.Add(ref _recovered, recovered);
                return null;
            }

            var buffer = new Utf8Buffer(256 * 1024); // the renderers write into it directly
            var line = new StringBuilder();
            foreach (var record in chunk.Records)
            {
                recovered += record.RecoveredFromSlack ? 1 : 0;
                switch (format)
                {
                    case "xml":
                        buffer.Write("\n"u8);
                        record.WriteXml(buffer);
                        break;
                    case "jsonl":
                        record.WriteJson(buffer);
                        buffer.Write("\n"u8);
                        break;
                    default:
                        WriteTsv(record, line);
                        var bytes = Encoding.UTF8.GetBytes(line.ToString());
                        buffer.Write(bytes);
                        break;
                }
            }

            Interlocked.Add(ref _recovered, recovered);
            return buffer;
        }

        public override void OnFileOpened(EvtxFile file)
        {
            _problemsThisFile = 0;
            foreach (var problem in file.HeaderProblems)
            {
                ReportProblem(file.Path, problem);
            }
        }

        public override void OnFileFailed(string path, string message)
        {
            FailedFiles++;
            _filesDone++;
            error.WriteLine($"vigie evtx dump: {path}: {message}");
        }

        public override void OnChunk(EvtxFile file, EvtxChunkSummary summary, Utf8Buffer? result)
        {
            if (result is not null)
            {
                using (result)
                {
                    output.Write(result.WrittenSpan);
                }
            }

            _records += summary.RecordCount;
            _bytes += summary.IsChunk ? 65536 : 0;
            foreach (var problem in summary.Problems)
            {
                ReportProblem(file.Path, problem);
            }

            progress.Report(_filesDone, fileCount, _records, _bytes);
        }

        public override void OnFileCompleted(EvtxFile file)
        {
            _filesDone++;
            if (_problemsThisFile > MaxProblemsShownPerFile)
            {
                error.WriteLine($"vigie evtx dump: {file.Path}: {_problemsThisFile - MaxProblemsShownPerFile} more problem(s) not shown");
            }
        }

        public void Finish(bool quiet)
        {
            progress.Finish();
            if (!quiet)
            {
                var seconds = Math.Max(progress.Elapsed.TotalSeconds, 0.001);
                var recovered = Interlocked.Read(ref _recovered);
                error.WriteLine($"evtx: {fileCount - FailedFiles} of {fileCount} file(s) read, {_records:N0} records"
                    + (recovered > 0 ? $" ({recovered:N0} recovered from slack space)" : string.Empty) + $", {_problems:N0} problem(s), "
                    + $"{seconds:N2} s ({_records / seconds:N0} records/s)"
                    + (format == "none" ? $", field checksum {_fieldChecksum}" : string.Empty));
            }
        }

        private void ReportProblem(string path, EvtxProblem problem)
        {
            _problems++;
            _problemsThisFile++;
            if (_problemsThisFile <= MaxProblemsShownPerFile)
            {
                error.WriteLine($"vigie evtx dump: {path}: {problem}");
            }
        }

        /// <summary>
        /// Reads every System field and named value without building text (the bench's field-access mode): numbers
        /// as numbers, strings as the characters in the record, through <see cref="EvtxRecord.GetValue"/>.
        /// </summary>
        private static long TouchEveryField(EvtxRecord record)
        {
            long sum = record.EventId ?? 0;
            sum += record.TimeCreated?.Ticks & 0xFF ?? 0;
            sum += record.Level ?? 0;
            sum += record.Task ?? 0;
            sum += (long)(record.Keywords ?? 0) & 0xFF;
            sum += record.ProcessId ?? 0;
            sum += record.ThreadId ?? 0;
            foreach (var field in s_textSystemFields)
            {
                sum += record.TryGetSystemValue(field, out var value) ? Touch(value) : 0;
            }

            for (var i = 0; i < record.NamedValueCount; i++)
            {
                sum += record.GetName(i).Length + Touch(record.GetValue(i));
            }

            return sum;
        }

        private static readonly EvtxSystemField[] s_textSystemFields =
            [EvtxSystemField.Channel, EvtxSystemField.ProviderName, EvtxSystemField.Computer, EvtxSystemField.UserId];

        private static long Touch(in EvtxValue value)
        {
            switch (value.Kind)
            {
                case EvtxValueKind.Text or EvtxValueKind.String:
                    return value.Chars.Length;
                case EvtxValueKind.Integer:
                    return value.TryGetInt64(out var signed) ? signed & 0xFF : 0;
                case EvtxValueKind.Unsigned or EvtxValueKind.Hexadecimal:
                    return value.TryGetUInt64(out var unsigned) ? (long)(unsigned & 0xFF) : 0;
                case EvtxValueKind.Time:
                    return value.TryGetDateTime(out var time) ? time.Ticks & 0xFF : 0;
                case EvtxValueKind.Guid:
                    return value.TryGetGuid(out var guid) ? guid.GetHashCode() & 0xFF : 0;
                case EvtxValueKind.Boolean:
                    return value.TryGetBoolean(out var flag) && flag ? 1 : 0;
                case EvtxValueKind.Real:
                    return value.TryGetDouble(out var real) ? (long)real & 0xFF : 0;
                default:
                    return value.Bytes.Length;
            }
        }

        private static void WriteTsv(EvtxRecord record, StringBuilder line)
        {
            line.Clear();
            line.Append(record.TimeCreated?.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture)).Append('\t')
                .Append(record.RecordId).Append('\t')
                .Append(Clean(record.Channel)).Append('\t')
                .Append(Clean(record.Provider)).Append('\t')
                .Append(record.EventId).Append('\t')
                .Append(record.Level).Append('\t')
                .Append(Clean(record.Computer)).Append('\t')
                .Append(record.UserId).Append('\t')
                .Append(record.ProcessId).Append('\t')
                .Append(record.ThreadId).Append('\t');
            if (record.RecoveredFromSlack)
            {
                line.Append("RecoveredFromSlack=true");
            }

            for (var i = 0; i < record.NamedValueCount; i++)
            {
                if (i > 0 || record.RecoveredFromSlack)
                {
                    line.Append(" | ");
                }

                line.Append(record.GetName(i)).Append('=');
                foreach (var c in record.GetText(i))
                {
                    line.Append(c is '\t' or '\r' or '\n' ? ' ' : c);
                }
            }

            line.Append('\n');
        }

        private static string? Clean(string? text) => text?.Replace('\t', ' ').Replace('\n', ' ');
    }
}
