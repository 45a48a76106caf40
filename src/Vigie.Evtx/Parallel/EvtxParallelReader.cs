using System.Runtime.ExceptionServices;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx;

/// <summary>
/// Reads many files with every core: chunks are independent, so each worker thread reads and processes
/// runs of chunks with its own buffer, caches and cursor (a small file is one unit of work; a large file
/// is split into runs of a few chunks). A bounded number of units is in flight, so memory stays flat
/// whatever the number and size of files. Results reach the calling thread in file and chunk order, or as
/// they complete.
/// </summary>
public static class EvtxParallelReader
{
    // 8 chunks (512 KiB) per unit of work: with 4, the hand-overs between threads (a wake-up each) were 7 % of a field
    // access run over a big file (bench/evtx-vs-peers); more made the ordered JSON output wait longer for each unit.
    private const int ChunksPerUnit = 8;

    /// <summary>Reads <paramref name="paths"/> (files, in the given order) through <paramref name="handler"/>.</summary>
    public static void Run<T>(IEnumerable<string> paths, EvtxChunkHandler<T> handler, EvtxParallelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new EvtxParallelOptions();
        if (options.Threads <= 1)
        {
            RunInline(paths, handler, options, cancellationToken);
            return;
        }

        new Pipeline<T>(handler, options).Execute(paths, cancellationToken);
    }

    private static void RunInline<T>(IEnumerable<string> paths, EvtxChunkHandler<T> handler, EvtxParallelOptions options, CancellationToken cancellationToken)
    {
        var chunk = new EvtxChunk(new ChunkReader(), []);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!EvtxFile.TryOpen(path, options.Reading, out var file, out var error))
            {
                handler.OnFileFailed(path, error);
                continue;
            }

            using (file)
            {
                handler.OnFileOpened(file);
                for (var i = 0; i < file.ChunkSlotCount; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = Process(handler, chunk, file, i, out var summary);
                    handler.OnChunk(file, summary, result);
                }

                handler.OnFileCompleted(file);
            }
        }
    }

    private static T Process<T>(EvtxChunkHandler<T> handler, EvtxChunk chunk, EvtxFile file, int index, out EvtxChunkSummary summary)
    {
        chunk.Reset(file, index);
        var result = handler.ProcessChunk(chunk);
        while (chunk.MoveNext())
        {
            // Records the handler left unread still count, and their problems are still found.
        }

        summary = new EvtxChunkSummary(chunk.Index, chunk.IsLoaded, chunk.RecordCount, chunk.Problems.Count == 0 ? [] : chunk.Problems.ToArray());
        return result;
    }

    /// <summary>
    /// Worker threads cut the files into units themselves, under one lock, and wait on it, without spinning, when
    /// the units in flight reach the bound; the calling thread delivers results. (A producer thread feeding a
    /// <c>BlockingCollection</c> spun in <c>SemaphoreSlim</c> on both sides: about 7 % of a field-access read's CPU
    /// on two cores, taken from the threads that had work.)
    /// </summary>
    private sealed class Pipeline<T>(EvtxChunkHandler<T> handler, EvtxParallelOptions options)
    {
        private readonly object _gate = new();
        private readonly Dictionary<long, Unit> _done = [];
        private readonly Queue<Unit> _completed = new();
        private readonly List<FileState> _files = [];
        // Units of ChunksPerUnit chunks (fewer when the bound on chunks in flight is lower), 4 per thread by default.
        private readonly int _unitChunks = UnitChunks(options);
        private readonly int _maxInFlight = Math.Max(1, options.MaxChunksInFlight is { } max ? max / UnitChunks(options) : options.Threads * 4);
        private IEnumerator<string>? _paths;
        private FileState? _file; // the file being cut into units, and where the next unit starts
        private int _fileSlots;
        private int _fileStart;
        private long _made;
        private bool _exhausted;
        private ExceptionDispatchInfo? _pathsError;
        private int _inFlight;
        private int _workersWaiting;
        private long _awaited = -1; // the unit the calling thread waits for, -1 when it does not wait

        private static int UnitChunks(EvtxParallelOptions options) => Math.Clamp(options.MaxChunksInFlight ?? ChunksPerUnit, 1, ChunksPerUnit);

        public void Execute(IEnumerable<string> paths, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = cts.Token;
            _paths = paths.GetEnumerator();
            using var wake = token.Register(() =>
            {
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }
            });
            var workers = new Thread[options.Threads];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = new Thread(() => Work(token)) { IsBackground = true, Name = $"evtx-worker-{i}" };
                workers[i].Start();
            }

            try
            {
                Consume(token);
            }
            finally
            {
                cts.Cancel();
                foreach (var worker in workers)
                {
                    worker.Join();
                }

                foreach (var state in _files)
                {
                    state.File?.Dispose();
                }

                _paths.Dispose();
            }
        }

        private void Work(CancellationToken token)
        {
            var chunk = new EvtxChunk(new ChunkReader(), []);
            try
            {
                while (Next(token) is { } unit)
                {
                    try
                    {
                        var file = unit.File.Open(options.Reading);
                        if (file is not null)
                        {
                            var end = Math.Min(unit.End, file.ChunkSlotCount);
                            for (var i = unit.Start; i < end; i++)
                            {
                                token.ThrowIfCancellationRequested();
                                var result = Process(handler, chunk, file, i, out var summary);
                                unit.Results.Add((summary, result));
                            }
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        unit.Error = ExceptionDispatchInfo.Capture(ex);
                    }

                    Complete(unit);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>The next unit of work, once fewer than the bound are in flight; null when every unit is made.</summary>
        private Unit? Next(CancellationToken token)
        {
            lock (_gate)
            {
                while (true)
                {
                    token.ThrowIfCancellationRequested();
                    if (_exhausted)
                    {
                        return null;
                    }

                    if (_inFlight < _maxInFlight)
                    {
                        if (MakeUnit() is { } unit)
                        {
                            _inFlight++;
                            return unit;
                        }

                        Monitor.PulseAll(_gate); // the calling thread may wait to learn that nothing more comes
                        return null;
                    }

                    _workersWaiting++;
                    Monitor.Wait(_gate);
                    _workersWaiting--;
                }
            }
        }

        /// <summary>Cuts the next unit (under the lock): a small file is one unit, a large one runs of chunks; no tiny last unit.</summary>
        private Unit? MakeUnit()
        {
            try
            {
                if (_file is null)
                {
                    if (!_paths!.MoveNext())
                    {
                        _exhausted = true;
                        return null;
                    }

                    var path = _paths.Current;
                    long length;
                    try
                    {
                        length = new FileInfo(path).Length;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        length = 0; // the worker's open reports the reason
                    }

                    _file = new FileState(path);
                    _files.Add(_file);
                    _fileSlots = EvtxFile.SlotCount(length);
                    _fileStart = 0;
                }

                var state = _file;
                var start = _fileStart;
                var end = Math.Min(_fileSlots, start + _unitChunks);
                if (_fileSlots - end < _unitChunks / 2)
                {
                    end = _fileSlots;
                }

                state.Units++;
                _fileStart = end;
                if (end >= _fileSlots)
                {
                    _file = null;
                }

                return new Unit(_made++, state, start, end, First: start == 0, Last: end >= _fileSlots);
            }
            catch (Exception ex)
            {
                // The list of paths itself failed: what was made is delivered, then the calling thread rethrows.
                _pathsError = ExceptionDispatchInfo.Capture(ex);
                _exhausted = true;
                return null;
            }
        }

        private void Complete(Unit unit)
        {
            lock (_gate)
            {
                if (options.KeepOrder)
                {
                    _done[unit.Sequence] = unit;
                    if (unit.Sequence != _awaited)
                    {
                        return; // the consumer waits for an earlier unit (or does not wait): no need to wake it
                    }
                }
                else
                {
                    _completed.Enqueue(unit);
                    if (_awaited < 0)
                    {
                        return;
                    }
                }

                // Workers may wait on the same lock for room in flight: then wake every waiter, so the consumer is one.
                if (_workersWaiting > 0)
                {
                    Monitor.PulseAll(_gate);
                }
                else
                {
                    Monitor.Pulse(_gate);
                }
            }
        }

        private void Consume(CancellationToken token)
        {
            long delivered = 0;
            while (true)
            {
                Unit? unit;
                lock (_gate)
                {
                    while (true)
                    {
                        token.ThrowIfCancellationRequested();
                        if (options.KeepOrder ? _done.Remove(delivered, out unit) : _completed.TryDequeue(out unit))
                        {
                            break;
                        }

                        if (_exhausted && delivered >= _made)
                        {
                            _pathsError?.Throw();
                            return;
                        }

                        _awaited = delivered;
                        Monitor.Wait(_gate);
                        _awaited = -1;
                    }

                    _inFlight--;
                    if (_workersWaiting > 0)
                    {
                        Monitor.Pulse(_gate); // only workers wait now: one of them may make the next unit
                    }
                }

                delivered++;
                Deliver(unit);
            }
        }

        private void Deliver(Unit unit)
        {
            unit.Error?.Throw();
            var state = unit.File;
            if (unit.First)
            {
                if (state.File is null)
                {
                    handler.OnFileFailed(state.Path, state.Error ?? "cannot open");
                }
                else
                {
                    handler.OnFileOpened(state.File);
                }
            }

            if (state.File is null)
            {
                return;
            }

            foreach (var (summary, result) in unit.Results)
            {
                handler.OnChunk(state.File, summary, result);
            }

            unit.Results.Clear();
            state.UnitsDelivered++;
            if (unit.Last)
            {
                state.LastSeen = true;
            }

            // Units of one file may arrive out of order when order is not kept: close after the last of them.
            if (state.LastSeen && state.UnitsDelivered == state.Units)
            {
                handler.OnFileCompleted(state.File);
                state.File.Dispose();
            }
        }

        private sealed record Unit(long Sequence, FileState File, int Start, int End, bool First, bool Last)
        {
            public List<(EvtxChunkSummary Summary, T Result)> Results { get; } = [];

            public ExceptionDispatchInfo? Error { get; set; }
        }
    }

    private sealed class FileState(string path)
    {
        private readonly object _gate = new();
        private bool _opened;

        public string Path { get; } = path;

        public EvtxFile? File { get; private set; }

        public string? Error { get; private set; }

        public int UnitsDelivered { get; set; }

        public bool LastSeen { get; set; }

        /// <summary>Opens the file once, whichever worker needs it first.</summary>
        public EvtxFile? Open(EvtxReadOptions? options)
        {
            lock (_gate)
            {
                if (!_opened)
                {
                    _opened = true;
                    if (EvtxFile.TryOpen(Path, options, out var file, out var error))
                    {
                        File = file;
                    }
                    else
                    {
                        Error = error;
                    }
                }

                return File;
            }
        }

        /// <summary>Units of work made for the file (written under the pipeline's lock when each is made).</summary>
        public int Units { get; set; }
    }

}
