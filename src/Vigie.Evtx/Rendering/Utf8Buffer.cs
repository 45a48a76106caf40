using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigie.Evtx.Rendering;

/// <summary>
/// A growable UTF-8 output buffer on pooled arrays, written directly by the renderers: given to
/// <see cref="EvtxRecord.WriteXml"/> or <see cref="EvtxRecord.WriteJson"/>, it receives the event without the copy
/// through a scratch buffer that any other <see cref="IBufferWriter{T}"/> costs. Dispose it to return its array.
/// </summary>
public sealed class Utf8Buffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Utf8Buffer(int capacity = 64 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length
    {
        get => _length;
        internal set => _length = value;
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Removes one byte at <paramref name="index"/>, moving the rest down.</summary>
    internal void RemoveAt(int index)
    {
        _buffer.AsSpan(index + 1, _length - index - 1).CopyTo(_buffer.AsSpan(index));
        _length--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_buffer.Length - _length < Math.Max(sizeHint, 1))
        {
            Grow(Math.Max(sizeHint, 1));
        }

        return _buffer.AsSpan(_length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _length += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
