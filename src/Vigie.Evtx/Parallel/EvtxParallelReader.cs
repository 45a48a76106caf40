using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx;

/// <summary>
/// Reads many files with every core: chunks are independent, so each worker thread reads and processes
/// whole chunks with its own buffer, caches and cursor. A bounded number of chunks is in flight, so
/// memory stays flat whatever the number and size of files. Results reach the calling thread in file and
/// chunk order, or as they complete.
/// </summary>
public static class EvtxParallelReader
{
    /// <summary>Reads <paramref name="paths"/> (files, in the given order) through <paramref name="handler"/>.</summary>
    public static void Run<T>(IEnumerable<string> paths, EvtxChunkHandler<T> handler, EvtxParallelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new EvtxParallelOptions();
        if (options.Threads <= 1)
        {
            RunInline(paths, handler, cancellationToken);
            return;
        }

        new Pipeline<T>(handler, options).Execute(paths, cancellationToken);
    }

    private static void RunInline<T>(IEnumerable<string> paths, EvtxChunkHandler<T> handler, CancellationToken cancellationToken)
    {
        var chunk = new EvtxChunk(new ChunkReader(), []);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!EvtxFile.TryOpen(path, out var file, out var error))
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
                    chunk.Reset(file, i);
                    var result = handler.ProcessChunk(chunk);
                    while (chunk.MoveNext())
                    {
                        // Records the handler left unread still count, and their problems are still found.
                    }

                    handler.OnChunk(file, Summarize(chunk), result);
                }

                handler.OnFileCompleted(file);
            }
        }
    }

    internal static EvtxChunkSummary Summarize(EvtxChunk chunk) =>
        new(chunk.Index, chunk.IsLoaded, chunk.RecordCount, chunk.Problems.Count == 0 ? [] : chunk.Problems.ToArray());

    private sealed class Pipeline<T>(EvtxChunkHandler<T> handler, EvtxParallelOptions options)
    {
        private readonly BlockingCollection<Item> _work = new();
        private readonly BlockingCollection<Item> _completed = new();
        private readonly Dictionary<long, Item> _done = [];
        private readonly SemaphoreSlim _inFlight = new(Math.Max(1, options.MaxChunksInFlight ?? options.Threads * 4));
        private readonly ConcurrentBag<EvtxFile> _opened = [];
        private readonly object _gate = new();
        private long _produced = -1;
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

            var open = new List<EvtxFile>();
            producer.Start();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            try
            {
                Consume(open, token);
            }
            finally
            {
                cts.Cancel();
                producer.Join();
                foreach (var worker in workers)
                {
                    worker.Join();
                }

                foreach (var file in _opened)
                {
                    file.Dispose();
                }

                _work.Dispose();
                _completed.Dispose();
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
                    if (!EvtxFile.TryOpen(path, out var file, out var error))
                    {
                        Complete(new Item(sequence++, new FileState(path, null, error, 0), Item.FileFailed));
                        continue;
                    }

                    _opened.Add(file);
                    var state = new FileState(path, file, null, file.ChunkSlotCount);
                    Complete(new Item(sequence++, state, Item.FileOpened));
                    for (var i = 0; i < file.ChunkSlotCount; i++)
                    {
                        _inFlight.Wait(token);
                        _work.Add(new Item(sequence++, state, i), token);
                    }

                    Complete(new Item(sequence++, state, Item.FileCompleted));
                }
            }
            catch (OperationCanceledException)
            {
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
                foreach (var item in _work.GetConsumingEnumerable(token))
                {
                    try
                    {
                        chunk.Reset(item.File.File!, item.Kind);
                        item.Result = handler.ProcessChunk(chunk);
                        while (chunk.MoveNext())
                        {
                        }

                        item.Summary = Summarize(chunk);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        item.Error = ExceptionDispatchInfo.Capture(ex);
                    }

                    Complete(item);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void Complete(Item item)
        {
            lock (_gate)
            {
                if (options.KeepOrder)
                {
                    _done[item.Sequence] = item;
                    if (item.Sequence != _awaited)
                    {
                        return; // the consumer waits for an earlier chunk: no need to wake it
                    }
                }
                else
                {
                    _completed.Add(item);
                }

                Monitor.Pulse(_gate);
            }
        }

        private void Consume(List<EvtxFile> open, CancellationToken token)
        {
            long delivered = 0;
            while (true)
            {
                Item? item;
                lock (_gate)
                {
                    while (true)
                    {
                        token.ThrowIfCancellationRequested();
                        if (_produced >= 0 && delivered >= _produced)
                        {
                            return;
                        }

                        if (options.KeepOrder)
                        {
                            if (_done.Remove(delivered, out item))
                            {
                                break;
                            }

                            _awaited = delivered;
                        }
                        else if (_completed.TryTake(out item))
                        {
                            break;
                        }

                        Monitor.Wait(_gate, 50);
                    }
                }

                delivered++;
                Deliver(item, open);
            }
        }

        private void Deliver(Item item, List<EvtxFile> open)
        {
            var state = item.File;
            switch (item.Kind)
            {
                case Item.FileFailed:
                    handler.OnFileFailed(state.Path, state.Error!);
                    return;
                case Item.FileOpened:
                    open.Add(state.File!);
                    handler.OnFileOpened(state.File!);
                    return;
                case Item.FileCompleted:
                    state.CompletedSeen = true;
                    FinishIfDone(state, open);
                    return;
                default:
                    _inFlight.Release();
                    item.Error?.Throw();
                    handler.OnChunk(state.File!, item.Summary!, item.Result!);
                    item.Result = default;
                    state.ChunksDelivered++;
                    FinishIfDone(state, open);
                    return;
            }
        }

        private void FinishIfDone(FileState state, List<EvtxFile> open)
        {
            if (!state.CompletedSeen || state.ChunksDelivered < state.ChunkCount || state.Finished)
            {
                return;
            }

            state.Finished = true;
            handler.OnFileCompleted(state.File!);
            state.File!.Dispose();
            open.Remove(state.File!);
        }

        private sealed class FileState(string path, EvtxFile? file, string? error, int chunkCount)
        {
            public string Path { get; } = path;

            public EvtxFile? File { get; } = file;

            public string? Error { get; } = error;

            public int ChunkCount { get; } = chunkCount;

            public int ChunksDelivered { get; set; }

            public bool CompletedSeen { get; set; }

            public bool Finished { get; set; }
        }

        private sealed class Item(long sequence, FileState file, int kind)
        {
            public const int FileOpened = -1;
            public const int FileFailed = -2;
            public const int FileCompleted = -3;

            public long Sequence { get; } = sequence;

            public FileState File { get; } = file;

            /// <summary>A chunk index (≥ 0) or one of the file events.</summary>
            public int Kind { get; } = kind;

            public ExceptionDispatchInfo? Error { get; set; }

            public EvtxChunkSummary? Summary { get; set; }

            public T? Result { get; set; }
        }
    }
}
