using System.Runtime.CompilerServices;

namespace Vigie.Evtx.Chunks;

/// <summary>
/// A value per offset of a 64 KiB chunk (names, templates): an array lookup instead of a hash, cleared for the next
/// chunk in the time of what was set. A value may be set to null (a definition that failed), which is remembered.
/// </summary>
internal sealed class OffsetTable<T>
    where T : class
{
    private static readonly object s_null = new();
    private readonly object?[] _slots = new object?[EvtxLayout.ChunkSize];
    private int[] _used = new int[256];
    private int _usedCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(int offset, out T? value)
    {
        if ((uint)offset < (uint)_slots.Length && _slots[offset] is { } slot)
        {
            value = ReferenceEquals(slot, s_null) ? null : Unsafe.As<T>(slot);
            return true;
        }

        value = null;
        return false;
    }

    public bool ContainsKey(long offset) => (ulong)offset < (ulong)_slots.Length && _slots[offset] is not null;

    /// <summary>Remembers <paramref name="value"/> at <paramref name="offset"/>; an offset outside the chunk is not remembered.</summary>
    public void Set(int offset, T? value)
    {
        if ((uint)offset >= (uint)_slots.Length)
        {
            return;
        }

        if (_slots[offset] is null)
        {
            if (_usedCount == _used.Length)
            {
                Array.Resize(ref _used, _used.Length * 2);
            }

            _used[_usedCount++] = offset;
        }

        _slots[offset] = value ?? s_null;
    }

    public void Clear()
    {
        foreach (var offset in _used.AsSpan(0, _usedCount))
        {
            _slots[offset] = null;
        }

        _usedCount = 0;
    }
}
