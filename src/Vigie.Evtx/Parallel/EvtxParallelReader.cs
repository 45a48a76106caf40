using System.Collections.Concurrent;
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

    private sealed class Pipeline<T>(EvtxChunkHandler<T> handler, EvtxParallelOptions options)
    {
        private readonly BlockingCollection<Unit> _work = new();
        private readonly ConcurrentQueue<Unit> _completed = new();
        private readonly Dictionary<long, Unit> _done = [];
        // Units of ChunksPerUnit chunks (fewer when the bound on chunks in flight is lower), 4 per thread by default (16 for small results).
        private readonly int _unitChunks = UnitChunks(options);
        private readonly SemaphoreSlim _inFlight = new(Math.Max(1, options.MaxChunksInFlight is { } max ? max / UnitChunks(options) : options.Threads * (options.SmallResults ? 16 : 4)));

        private static int UnitChunks(EvtxParallelOptions options) => Math.Clamp(options.MaxChunksInFlight ?? ChunksPerUnit, 1, ChunksPerUnit);
        private readonly ConcurrentBag<FileState> _files = [];
        private readonly object _gate = new();
        private long _produced = -1;
        private ExceptionDispatchInfo? _pathsError; // set by the producer before it publishes _produced under the lock
        private long _awaited = -1;

        public void Execute(IEnumerable<string> paths, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = cts.Token;
            var producer = new Thread(() => Produce(paths, token)) { IsBackground = true, Name = "evtx-producer" };
            var workers = new Thread[options.Threads];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = new Thread(() => Work(token)) { IsBackground = true, Name = $"evtx-worker-{i}" };
            }

            producer.Start();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            try
            {
                Consume(token);
            }
            finally
            {
                cts.Cancel();
                producer.Join();
                foreach (var worker in workers)
                {
                    worker.Join();
                }

                foreach (var state in _files)
                {
                    state.File?.Dispose();
                }

                _work.Dispose();
                _inFlight.Dispose();
            }
        }

        private void Produce(IEnumerable<string> paths, CancellationToken token)
        {
            long sequence = 0;
            try
            {
                foreach (var path in paths)
                {
                    long length;
                    try
                    {
                        length = new FileInfo(path).Length;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        length = 0; // the worker's open reports the reason
                    }

                    var state = new FileState(path);
                    _files.Add(state);
                    var slots = EvtxFile.SlotCount(length);
                    var start = 0;
                    do
                    {
                        var end = Math.Min(slots, start + _unitChunks);
                        if (slots - end < _unitChunks / 2)
                        {
                            end = slots; // no tiny last unit
                        }

                        _inFlight.Wait(token);
                        state.Units++;
                        _work.Add(new Unit(sequence++, state, start, end, First: start == 0, Last: end >= slots), token);
                        start = end;
                    }
                    while (start < slots);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                // The list of paths itself failed (a folder gone while it was listed): what came before is delivered,
                // then the calling thread rethrows. Unhandled here, on the producer's thread, it ended the process.
                _pathsError = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                _work.CompleteAdding();
                lock (_gate)
                {
                    _produced = sequence;
                    Monitor.Pulse(_gate);
                }
            }
        }

        private void Work(CancellationToken token)
        {
            var chunk = new EvtxChunk(new ChunkReader(), []);
            try
            {
                foreach (var unit in _work.GetConsumingEnumerable(token))
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

        private void Complete(Unit unit)
        {
            lock (_gate)
            {
                if (options.KeepOrder)
                {
                    _done[unit.Sequence] = unit;
                    if (unit.Sequence != _awaited)
                    {
                        return; // the consumer waits for an earlier unit: no need to wake it
                    }
                }
                else
                {
                    _completed.Enqueue(unit);
                }

                Monitor.Pulse(_gate);
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
                        if (_produced >= 0 && delivered >= _produced)
                        {
                            _pathsError?.Throw();
                            return;
                        }

                        if (options.KeepOrder ? _done.Remove(delivered, out unit) : _completed.TryDequeue(out unit))
                        {
                            break;
                        }

                        _awaited = delivered;
                        Monitor.Wait(_gate, 50);
                    }
                }

                delivered++;
                _inFlight.Release();
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

        /// <summary>Units of work made for the file (written by the producer before they are queued).</summary>
        public int Units { get; set; }
    }

}
