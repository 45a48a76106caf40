using System.CommandLine;
using System.Globalization;
using Vigie.Evtx;

namespace Vigie.Cli.Evtx;

/// <summary><c>vigie evtx info FILE…</c>: header, chunks, records, dirty/full flags, checksum errors.</summary>
internal static class EvtxInfoCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Event log files, or directories searched recursively for *.evtx.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "FILE|DIR",
        };
        var threads = new Option<int>("--threads", "-t")
        {
            Description = "Worker threads (default: every core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("info", "Describe .evtx files: header (version, counters, dirty and full flags, checksum), "
            + "chunks and records actually present (the header's counters are not trusted), checksum errors and damaged records. "
            + "The exit code is non-zero only when a file cannot be read at all.")
        {
            paths, threads,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output ?? Console.Out;
            var error = parseResult.InvocationConfiguration.Error ?? Console.Error;
            return Task.FromResult(Run(parseResult.GetValue(paths) ?? [], Math.Max(1, parseResult.GetValue(threads)), output, error, cancellationToken));
        });
        return command;
    }

    public static int Run(string[] arguments, int threads, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var files = EvtxPaths.Expand(arguments, error, out var missing);
        var handler = new InfoHandler(output, error);
        try
        {
            var reading = new EvtxReadOptions { RecoverSlack = true };
            EvtxParallelReader.Run(files, handler, new EvtxParallelOptions { Threads = threads, KeepOrder = true, Reading = reading }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("vigie evtx info: interrupted");
            return 130;
        }

        return missing || handler.FailedFiles > 0 ? 1 : 0;
    }

    private readonly record struct ChunkStats(ulong FirstId, ulong LastId, DateTime First, DateTime Last, int Recovered);

    private sealed class InfoHandler(TextWriter output, TextWriter error) : EvtxChunkHandler<ChunkStats>
    {
        private readonly List<EvtxProblem> _problems = [];
        private int _chunks;
        private int _emptySlots;
        private long _records;
        private long _recovered;
        private ulong _firstId = ulong.MaxValue;
        private ulong _lastId;
        private DateTime _first = DateTime.MaxValue;
        private DateTime _last = DateTime.MinValue;

        public int FailedFiles { get; private set; }

        public override ChunkStats ProcessChunk(EvtxChunk chunk)
        {
            ulong firstId = ulong.MaxValue, lastId = 0;
            DateTime first = DateTime.MaxValue, last = DateTime.MinValue;
            var recovered = 0;
            foreach (var record in chunk.Records)
            {
                if (record.RecoveredFromSlack)
                {
                    recovered++;
                    continue;
                }

                firstId = Math.Min(firstId, record.RecordId);
                lastId = Math.Max(lastId, record.RecordId);
                var written = record.WrittenTime;
                first = written < first ? written : first;
                last = written > last ? written : last;
            }

            return new ChunkStats(firstId, lastId, first, last, recovered); // checksum problems arrive in the chunk summary
        }

        public override void OnFileOpened(EvtxFile file)
        {
            _problems.Clear();
            _problems.AddRange(file.HeaderProblems);
            _chunks = _emptySlots = 0;
            _records = 0;
            _recovered = 0;
            _firstId = ulong.MaxValue;
            _lastId = 0;
            _first = DateTime.MaxValue;
            _last = DateTime.MinValue;
        }

        public override void OnFileFailed(string path, string message)
        {
            FailedFiles++;
            output.WriteLine(path);
            output.WriteLine($"  cannot be read: {message}");
            output.WriteLine();
            error.WriteLine($"vigie evtx info: {path}: {message}");
        }

        public override void OnChunk(EvtxFile file, EvtxChunkSummary summary, ChunkStats result)
        {
            if (summary.IsChunk)
            {
                _chunks++;
            }
            else
            {
                _emptySlots++;
            }

            _problems.AddRange(summary.Problems);
            _records += summary.RecordCount - result.Recovered;
            _recovered += result.Recovered;
            if (summary.RecordCount > result.Recovered)
            {
                _firstId = Math.Min(_firstId, result.FirstId);
                _lastId = Math.Max(_lastId, result.LastId);
                _first = result.First < _first ? result.First : _first;
                _last = result.Last > _last ? result.Last : _last;
            }
        }

        public override void OnFileCompleted(EvtxFile file)
        {
            var header = file.Header;
            var flags = (header.IsDirty, header.IsFull) switch
            {
                (true, true) => "dirty, full",
                (true, false) => "dirty",
                (false, true) => "full",
                _ => "clean",
            };
            var checksumErrors = _problems.Count(p => p.IsChecksum);
            var damaged = _problems.Count(p => p.Kind is EvtxProblemKind.RecordStructure or EvtxProblemKind.RecordBinXml);
            output.WriteLine(file.Path);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  file: {file.Length:N0} bytes, format {header.MajorVersion}.{header.MinorVersion}, flags 0x{header.Flags:x} ({flags}), header checksum {(header.ChecksumValid ? "ok" : "MISMATCH")}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  header says: {header.ChunkCount} chunk(s) (first {header.FirstChunkNumber}, last {header.LastChunkNumber}), next record id {header.NextRecordId}"));
            var range = _records > 0
                ? string.Create(CultureInfo.InvariantCulture, $", ids {_firstId}..{_lastId}, written {_first:yyyy-MM-ddTHH:mm:ssZ} .. {_last:yyyy-MM-ddTHH:mm:ssZ}")
                : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  found: {_chunks} chunk(s) in {file.ChunkSlotCount} slot(s) ({_emptySlots} empty or unreadable), {_records:N0} record(s){range}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  slack space: {_recovered:N0} intact record(s) recoverable (vigie evtx dump writes them, marked as recovered)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  checksum errors: {checksumErrors}, damaged records skipped: {damaged}, other problems: {_problems.Count - checksumErrors - damaged}"));
            foreach (var problem in _problems.Take(20))
            {
                output.WriteLine($"    {problem}");
            }

            if (_problems.Count > 20)
            {
                output.WriteLine($"    … and {_problems.Count - 20} more");
            }

            output.WriteLine();
        }
    }
}
