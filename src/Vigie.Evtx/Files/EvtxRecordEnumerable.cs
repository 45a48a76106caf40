using System.Collections;

namespace Vigie.Evtx;

/// <summary>The records of a file in file order (see <see cref="EvtxFile.ReadRecords"/>).</summary>
public readonly struct EvtxRecordEnumerable : IEnumerable<EvtxRecord>
{
    private readonly EvtxFile _file;
    private readonly Action<EvtxProblem>? _onProblem;

    internal EvtxRecordEnumerable(EvtxFile file, Action<EvtxProblem>? onProblem)
    {
        _file = file;
        _onProblem = onProblem;
    }

    /// <summary>Returns the enumerator (the cursor).</summary>
    public EvtxRecordEnumerator GetEnumerator() => new(_file, _onProblem);

    IEnumerator<EvtxRecord> IEnumerable<EvtxRecord>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
