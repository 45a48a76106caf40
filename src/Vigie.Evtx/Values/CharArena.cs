namespace Vigie.Evtx.Values;

/// <summary>
/// Characters formatted for one record (numbers, GUIDs, SIDs, joined parts). Spans handed out stay valid
/// until <see cref="Reset"/> (the cursor moving to another record): growing allocates a new array and
/// leaves the old one to the spans that still point into it.
/// </summary>
internal sealed class CharArena
{
    private char[] _buffer = new char[4096];
    private int _used;
    private int _openStart = -1;

    public void Reset()
    {
        _used = 0;
        _openStart = -1;
    }

    /// <summary>Space for up to <paramref name="maxLength"/> characters, to be followed by <see cref="Commit"/>.</summary>
    public Span<char> Rent(int maxLength)
    {
        if (_buffer.Length - _used < maxLength)
        {
            Grow(maxLength);
        }

        return _buffer.AsSpan(_used, maxLength);
    }

    public ReadOnlySpan<char> Commit(int written)
    {
        var span = _buffer.AsSpan(_used, written);
        _used += written;
        return span;
    }

    /// <summary>Starts text made of several pieces (each added with <see cref="Rent"/>/<see cref="Commit"/> or <see cref="Append"/>).</summary>
    public void Open() => _openStart = _used;

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Rent(text.Length));
        _used += text.Length;
    }

    public ReadOnlySpan<char> Close()
    {
        var start = _openStart;
        _openStart = -1;
        return _buffer.AsSpan(start, _used - start);
    }

    private void Grow(int needed)
    {
        var keepFrom = _openStart >= 0 ? _openStart : _used;
        var keep = _used - keepFrom;
        var size = Math.Max(_buffer.Length * 2, keep + needed + 1024);
        var next = new char[size];
        _buffer.AsSpan(keepFrom, keep).CopyTo(next);
        _buffer = next;
        _used = keep;
        if (_openStart >= 0)
        {
            _openStart = 0;
        }
    }
}
