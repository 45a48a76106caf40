using System.Collections;

namespace Vigie.Evtx;

/// <summary>The records of an <see cref="EvtxChunk"/>.</summary>
public readonly struct EvtxChunkRecords : IEnumerable<EvtxRecord>
{
    private readonly EvtxChunk _chunk;

    internal EvtxChunkRecords(EvtxChunk chunk) => _chunk = chunk;

    /// <summary>Returns the enumerator.</summary>
    public Enumerator GetEnumerator() => new(_chunk);

    IEnumerator<EvtxRecord> IEnumerable<EvtxRecord>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Moves the chunk's cursor record by record.</summary>
    public struct Enumerator : IEnumerator<EvtxRecord>
    {
        private readonly EvtxChunk _chunk;

        internal Enumerator(EvtxChunk chunk) => _chunk = chunk;

        /// <summary>The current record (the reused cursor).</summary>
        public readonly EvtxRecord Current => _chunk.Current;

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public readonly bool MoveNext() => _chunk.MoveNext();

        /// <inheritdoc />
        public readonly void Reset() => throw new NotSupportedException();

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
