namespace Vigie.Hunt.Pipeline;

/// <summary>
/// The final time ordering with bounded memory: detections are kept in memory up to a capacity; beyond it
/// each full batch is sorted and written to a temporary run file, and the runs are merged at the end
/// (k-way, one row per run in memory). Run files are deleted when the sorter is disposed.
/// </summary>
internal sealed class TimelineSorter(string tempDirectory, int capacity) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _runs = [];
    private List<PendingDetection> _buffer = [];
    private string? _folder;
    private int _nextRun;

    /// <summary>
    /// Adds detections (thread-safe). When the buffer is full, the caller takes it, sorts it and writes it as a
    /// run outside the lock, so that the other readers keep adding meanwhile.
    /// </summary>
    public void Add(List<PendingDetection> detections)
    {
        List<PendingDetection>? full = null;
        string? path = null;
        lock (_gate)
        {
            _buffer.AddRange(detections);
            if (_buffer.Count >= capacity)
            {
                full = _buffer;
                _buffer = new List<PendingDetection>(Math.Min(capacity, 1 << 16));
                _folder ??= Directory.CreateDirectory(Path.Combine(tempDirectory, "vigie-hunt-" + Guid.NewGuid().ToString("N"))).FullName;
                path = Path.Combine(_folder, $"run-{_nextRun++:D5}.bin");
            }
        }

        if (full is not null)
        {
            full.Sort(PendingDetection.Compare);
            DetectionRunWriter.Write(path!, full);
            lock (_gate)
            {
                _runs.Add(path!);
            }
        }
    }

    /// <summary>Every detection, in time order (then file, event, match order).</summary>
    public IEnumerable<PendingDetection> Drain()
    {
        _buffer.Sort(PendingDetection.Compare);
        if (_runs.Count == 0)
        {
            foreach (var detection in _buffer)
            {
                yield return detection;
            }

            _buffer.Clear();
            yield break;
        }

        var readers = new List<DetectionRunReader>();
        try
        {
            foreach (var run in _runs)
            {
                readers.Add(new DetectionRunReader(run));
            }

            var queue = new PriorityQueue<int, PendingDetection>(Comparer<PendingDetection>.Create(PendingDetection.Compare));
            var memoryIndex = 0;
            for (var i = 0; i < readers.Count; i++)
            {
                if (readers[i].TryRead(out var first))
                {
                    queue.Enqueue(i, first);
                }
            }

            if (_buffer.Count > 0)
            {
                queue.Enqueue(-1, _buffer[memoryIndex++]);
            }

            while (queue.TryDequeue(out var source, out var detection))
            {
                yield return detection;
                if (source < 0)
                {
                    if (memoryIndex < _buffer.Count)
                    {
                        queue.Enqueue(-1, _buffer[memoryIndex++]);
                    }
                }
                else if (readers[source].TryRead(out var next))
                {
                    queue.Enqueue(source, next);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }

            _buffer.Clear();
        }
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a temporary folder left behind is not worth failing the hunt
            }
        }
    }
}
