using System.Collections;
using Vigie.Evtx.Chunks;

namespace Vigie.Evtx;

/// <summary>Walks the chunks of a file one after the other with one reused chunk buffer.</summary>
public sealed class EvtxRecordEnumerator : IEnumerator<EvtxRecord>
{
    private readonly EvtxFile _file;
    private readonly Action<EvtxProblem>? _onProblem;
    private readonly ChunkReader _reader = new();
    private readonly List<EvtxProblem> _problems = [];
    private int _nextChunk;
    private bool _inChunk;
    private bool _started;

    internal EvtxRecordEnumerator(EvtxFile file, Action<EvtxProblem>? onProblem)
    {
        _file = file;
        _onProblem = onProblem;
    }

    /// <summary>The current record (a reused cursor).</summary>
    public EvtxRecord Current => _reader.Record;

    object IEnumerator.Current => Current;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            foreach (var problem in _file.HeaderProblems)
            {
                _onProblem?.Invoke(problem);
            }
        }

        while (true)
        {
            if (_inChunk)
            {
                var moved = _reader.MoveNext();
                Flush();
                if (moved)
                {
                    return true;
                }

                _inChunk = false;
            }

            if (_nextChunk >= _file.ChunkSlotCount)
            {
                return false;
            }

            _inChunk = _reader.Load(_file, _nextChunk++, _problems);
            Flush();
        }
    }

    /// <inheritdoc />
    public void Reset() => throw new NotSupportedException();

    /// <inheritdoc />
    public void Dispose() => _reader.Record.Invalidate();

    private void Flush()
    {
        if (_problems.Count == 0)
        {
            return;
        }

        foreach (var problem in _problems)
        {
            _onProblem?.Invoke(problem);
        }

        _problems.Clear();
    }
}
