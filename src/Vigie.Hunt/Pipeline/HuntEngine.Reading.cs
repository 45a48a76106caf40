using System.Diagnostics;
using Vigie.Evtx;
using Vigie.Hunt.Pipeline;
using Vigie.Hunt.Sources;

namespace Vigie.Hunt;

public sealed partial class HuntEngine
{
    private const long EventsPerChunkOrdinal = 1L << 20;

    private void ReadJsonFiles(List<(HuntInput Input, int Index)> files, RunState state, TimelineSorter sorter, ThreadLocal<Worker> workers, CancellationToken cancellationToken)
    {
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = cancellationToken }, file =>
        {
            var worker = workers.Value!;
            var pending = new List<PendingDetection>();
            long ordinal = 0;
            long events = 0;
            long min = long.MaxValue, max = long.MinValue;
            List<string> problems;
            try
            {
                problems = JsonEventFileReader.Read(file.Input.Path, ev =>
                {
                    events++;
                    var ticks = ev.Timestamp?.Ticks ?? 0;
                    if (ev.Timestamp is not null)
                    {
                        min = Math.Min(min, ticks);
                        max = Math.Max(max, ticks);
                    }

                    worker.Matches.Clear();
                    worker.Matcher.Match(ev, worker.Matches);
                    if (worker.Matches.Count > 0)
                    {
                        var eventId = int.TryParse(ev.First("EventID"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
                        var recordId = long.TryParse(ev.First("EventRecordID"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rid) ? rid : (long?)null;
                        DetectionBuilder.Add(ev, _extras, worker.Matches, _info, worker.Strings, ticks, file.Index, ordinal, ev.First("Computer") ?? "", ev.First("Channel") ?? "", eventId, recordId, pending);
                    }

                    ordinal++;
                    if (pending.Count >= 1024)
                    {
                        sorter.Add(pending);
                        pending.Clear();
                    }

                    if ((events & 0x3FF) == 0)
                    {
                        state.AddEvents(1024, 0);
                    }
                }, bytes => state.AddBytes(bytes), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems = [];
                state.Failed(file.Input.Path, ex.Message);
            }

            sorter.Add(pending);
            state.JsonFileDone(file.Input.Path, events, min, max, problems);
        });
    }

    /// <summary>Counters and problems of the reading phase; updated from several threads.</summary>
    private sealed class RunState(IReadOnlyList<HuntInput> inputs, HuntOptions options, Stopwatch clock)
    {
        private readonly Lock _gate = new();
        private readonly long _bytesTotal = inputs.Sum(i => i.Length);
        private long _events;
        private long _bytes;
        private long _detections;
        private long _reported;
        private int _filesDone;
        private long _firstTicks = long.MaxValue;
        private long _lastTicks = long.MinValue;

        public FileProblems Problems { get; } = new();

        public int FilesRead { get; private set; }

        public long Events => Interlocked.Read(ref _events);

        public DateTime? FirstEvent => _firstTicks == long.MaxValue ? null : new DateTime(_firstTicks, DateTimeKind.Utc);

        public DateTime? LastEvent => _lastTicks == long.MinValue ? null : new DateTime(_lastTicks, DateTimeKind.Utc);

        public void AddEvents(long events, long detections)
        {
            Interlocked.Add(ref _events, events);
            Interlocked.Add(ref _detections, detections);
            Report();
        }

        public void AddBytes(long bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            Report();
        }

        public void Range(long min, long max)
        {
            if (min > max)
            {
                return;
            }

            lock (_gate)
            {
                _firstTicks = Math.Min(_firstTicks, min);
                _lastTicks = Math.Max(_lastTicks, max);
            }
        }

        public void Failed(string path, string reason)
        {
            lock (_gate)
            {
                Problems.Failed(path, reason);
            }
        }

        public void EvtxProblem(string path, EvtxProblem problem)
        {
            lock (_gate)
            {
                Problems.Add(path, problem);
            }
        }

        public void EvtxFileDone(bool read)
        {
            lock (_gate)
            {
                _filesDone++;
                if (read)
                {
                    FilesRead++;
                }
            }

            Report(force: true);
        }

        public void JsonFileDone(string path, long events, long min, long max, List<string> problems)
        {
            Interlocked.Add(ref _events, events & 0x3FF);
            Range(min, max);
            lock (_gate)
            {
                Problems.Add(path, problems);
                _filesDone++;
                FilesRead++;
            }

            Report(force: true);
        }

        private void Report(bool force = false)
        {
            if (options.Progress is not { } progress)
            {
                return;
            }

            var now = clock.ElapsedMilliseconds;
            var last = Interlocked.Read(ref _reported);
            if (!force && now - last < 200)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _reported, now, last) != last)
            {
                return;
            }

            progress(new HuntProgress(Volatile.Read(ref _filesDone), inputs.Count, Interlocked.Read(ref _events),
                Math.Min(Interlocked.Read(ref _bytes), _bytesTotal), _bytesTotal, Interlocked.Read(ref _detections), clock.Elapsed));
        }
    }

    /// <summary>Runs on the EVTX workers (ProcessChunk) and on the calling thread (the rest).</summary>
    private sealed class EvtxHandler(HuntEngine engine, RunState state, TimelineSorter sorter, ThreadLocal<Worker> workers, IReadOnlyList<HuntInput> inputs)
        : EvtxChunkHandler<EvtxHandler.ChunkResult>
    {
        private readonly Dictionary<string, int> _fileIndex = BuildIndex(inputs);

        private static Dictionary<string, int> BuildIndex(IReadOnlyList<HuntInput> inputs)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < inputs.Count; i++)
            {
                index.TryAdd(inputs[i].Path, i);
            }

            return index;
        }

        public override ChunkResult ProcessChunk(EvtxChunk chunk)
        {
            var worker = workers.Value!;
            var adapter = worker.Evtx;
            var matcher = worker.Matcher;
            var matches = worker.Matches;
            var file = _fileIndex.TryGetValue(chunk.File.Path, out var index) ? index : 0;
            List<PendingDetection>? pending = null;
            long events = 0;
            long min = long.MaxValue, max = long.MinValue;
            foreach (var record in chunk.Records)
            {
                var ordinal = chunk.Index * EventsPerChunkOrdinal + events;
                events++;
                var time = record.TimeCreated ?? record.WrittenTime;
                var ticks = time.Ticks;
                if (ticks < min)
                {
                    min = ticks;
                }

                if (ticks > max)
                {
                    max = ticks;
                }

                adapter.Reset(record);
                matches.Clear();
                matcher.Match(adapter, matches);
                if (matches.Count == 0)
                {
                    continue;
                }

                long? recordId = record.TryGetSystemUInt64(EvtxSystemField.EventRecordId, out var rid) ? (long)rid : (long)record.RecordId;
                DetectionBuilder.Add(adapter, engine._extras, matches, engine._info, worker.Strings, ticks, file, ordinal,
                    record.Computer ?? "", record.Channel ?? "", record.EventId, recordId, pending ??= []);
            }

            return new ChunkResult(pending, events, min, max);
        }

        public override void OnChunk(EvtxFile file, EvtxChunkSummary summary, ChunkResult result)
        {
            if (result.Detections is { } detections)
            {
                sorter.Add(detections);
            }

            foreach (var problem in summary.Problems)
            {
                state.EvtxProblem(file.Path, problem);
            }

            state.Range(result.Min, result.Max);
            state.AddBytes(64 * 1024);
            state.AddEvents(result.Events, result.Detections?.Count ?? 0);
        }

        public override void OnFileOpened(EvtxFile file)
        {
            foreach (var problem in file.HeaderProblems)
            {
                state.EvtxProblem(file.Path, problem);
            }
        }

        public override void OnFileFailed(string path, string error)
        {
            state.Failed(path, error);
            state.EvtxFileDone(read: false);
        }

        public override void OnFileCompleted(EvtxFile file) => state.EvtxFileDone(read: true);

        internal sealed record ChunkResult(List<PendingDetection>? Detections, long Events, long Min, long Max);
    }
}
