using System.Runtime.CompilerServices;
using Vigie.Evtx;
using Vigie.Sigma;

namespace Vigie.Hunt.Sources;

/// <summary>
/// The Sigma view of the current <see cref="EvtxRecord"/>, one per worker thread, reused for every record.
/// System fields are answered straight from the record (resolved per template by the reader); named values
/// are mapped to the rule set's field ids once per record, on the first request for one, through a cache
/// keyed by the name strings the reader hands out (the chunk's own strings, compared by reference first):
/// no string is allocated per event, and fields no rule reads cost one dictionary probe.
/// </summary>
internal sealed class EvtxSigmaEvent : IHuntEvent
{
    private const int MaxCachedNames = 8192;

    private static readonly (string Name, EvtxSystemField Field)[] s_systemNames =
    [
        ("Channel", EvtxSystemField.Channel),
        ("EventID", EvtxSystemField.EventId),
        ("Provider_Name", EvtxSystemField.ProviderName),
        ("Provider_Guid", EvtxSystemField.ProviderGuid),
        ("Provider_EventSourceName", EvtxSystemField.EventSourceName),
        ("EventID_Qualifiers", EvtxSystemField.Qualifiers),
        ("Version", EvtxSystemField.Version),
        ("Level", EvtxSystemField.Level),
        ("Task", EvtxSystemField.Task),
        ("Opcode", EvtxSystemField.Opcode),
        ("Keywords", EvtxSystemField.Keywords),
        ("TimeCreated_SystemTime", EvtxSystemField.TimeCreated),
        ("EventRecordID", EvtxSystemField.EventRecordId),
        ("Correlation_ActivityID", EvtxSystemField.ActivityId),
        ("Correlation_RelatedActivityID", EvtxSystemField.RelatedActivityId),
        ("Execution_ProcessID", EvtxSystemField.ProcessId),
        ("Execution_ThreadID", EvtxSystemField.ThreadId),
        ("Computer", EvtxSystemField.Computer),
        ("Security_UserID", EvtxSystemField.UserId),
    ];

    private readonly SigmaRuleSet _rules;
    private readonly int[] _systemOf;       // field id -> ±(EvtxSystemField + 1) (negative: data wins), 0 when not a System field
    private readonly int[] _stamp;          // field id -> generation in which _first is valid
    private readonly int[] _first;          // field id -> first named value index
    private readonly Dictionary<string, int> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private int[] _next = new int[64];      // named value index -> next index with the same field, -1
    private readonly EvtxSystemField[] _presentSystem = new EvtxSystemField[s_systemNames.Length];
    private EvtxRecord? _record;
    private int _generation;
    private bool _mapped;
    private int _presentCount = -1;

    public EvtxSigmaEvent(SigmaRuleSet rules)
    {
        _rules = rules;
        var count = rules.Fields.Count;
        _systemOf = new int[count];
        _stamp = new int[count];
        _first = new int[count];
        foreach (var (name, field) in s_systemNames)
        {
            if (rules.TryGetField(name, out var sigmaField))
            {
                // Positive: System always answers; negative: a data value of the same name answers first.
                _systemOf[sigmaField.Id] = SigmaFieldCollisions.SystemWins(name) ? (int)field + 1 : -((int)field + 1);
            }
        }
    }

    public EvtxRecord Record => _record ?? throw new InvalidOperationException("No current record.");

    /// <summary>Moves to a new record (the previous one's mapping is forgotten).</summary>
    public void Reset(EvtxRecord record)
    {
        _record = record;
        _mapped = false;
        _presentCount = -1;
    }

    public SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value)
    {
        var record = Record;
        var id = field.Id;
        if ((uint)id < (uint)_systemOf.Length && _systemOf[id] != 0)
        {
            // A System field, unless the data has a value of the same name and the data wins for it
            // (event 104's UserData Channel: SigmaFieldCollisions).
            if (_systemOf[id] > 0 || !HasNamedValue(record, id))
            {
                return GetSystemValue(record, (EvtxSystemField)(Math.Abs(_systemOf[id]) - 1), index, out value);
            }
        }
        else if (!_mapped)
        {
            MapNamedValues(record);
        }

        if ((uint)id >= (uint)_stamp.Length || _stamp[id] != _generation)
        {
            value = default;
            return SigmaValueKind.Absent;
        }

        var at = _first[id];
        for (var i = 0; i < index && at >= 0; i++)
        {
            at = _next[at];
        }

        if (at < 0)
        {
            value = default;
            return SigmaValueKind.Absent;
        }

        value = record.GetText(at);
        return _next[at] >= 0 ? SigmaValueKind.MoreValues : SigmaValueKind.Value;
    }

    public SigmaValueKind GetLogChannel(out ReadOnlySpan<char> value) =>
        Record.TryGetSystemText(EvtxSystemField.Channel, out value) ? SigmaValueKind.Value : SigmaValueKind.Absent;

    private static SigmaValueKind GetSystemValue(EvtxRecord record, EvtxSystemField field, int index, out ReadOnlySpan<char> value)
    {
        if (index == 0 && record.TryGetSystemText(field, out value))
        {
            return SigmaValueKind.Value;
        }

        value = default;
        return SigmaValueKind.Absent;
    }

    private bool HasNamedValue(EvtxRecord record, int id)
    {
        if (!_mapped)
        {
            MapNamedValues(record);
        }

        return _stamp[id] == _generation;
    }

    public SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value) => GetAny(index, textOnly: false, out value);

    /// <summary>Numbers, GUIDs, SIDs and dates come as empty texts: their type says what their text could hold.</summary>
    public SigmaValueKind GetAnyText(int index, out ReadOnlySpan<char> value) => GetAny(index, textOnly: true, out value);

    private SigmaValueKind GetAny(int index, bool textOnly, out ReadOnlySpan<char> value)
    {
        // EvtxRecord.NumericTextCharacters is within ISigmaEvent.ScalarCharacters (a test holds them to it).
        var record = Record;
        var named = record.NamedValueCount;
        if (index < named)
        {
            value = textOnly && record.HasNumericText(index) ? default : record.GetText(index);
            return SigmaValueKind.Value;
        }

        if (_presentCount < 0)
        {
            _presentCount = 0;
            foreach (var (_, field) in s_systemNames)
            {
                if (record.HasSystemField(field))
                {
                    _presentSystem[_presentCount++] = field;
                }
            }
        }

        var k = index - named;
        if (k < _presentCount)
        {
            var field = _presentSystem[k];
            if (textOnly && record.SystemHasNumericText(field))
            {
                value = default;
                return SigmaValueKind.Value;
            }

            if (record.TryGetSystemText(field, out value))
            {
                return SigmaValueKind.Value;
            }
        }

        value = default;
        return SigmaValueKind.Absent;
    }

    public bool TryGetByName(string name, out ReadOnlySpan<char> value)
    {
        var record = Record;
        foreach (var (systemName, field) in s_systemNames)
        {
            if (string.Equals(systemName, name, StringComparison.OrdinalIgnoreCase))
            {
                return record.TryGetSystemText(field, out value);
            }
        }

        var count = record.NamedValueCount;
        for (var i = 0; i < count; i++)
        {
            if (SameCanonicalName(record.GetName(i), name))
            {
                value = record.GetText(i);
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool SameCanonicalName(string recordName, string name) =>
        recordName.Contains(' ', StringComparison.Ordinal)
            ? string.Equals(recordName.Replace(" ", "", StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase)
            : string.Equals(recordName, name, StringComparison.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MapNamedValues(EvtxRecord record)
    {
        _mapped = true;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }

        var count = record.NamedValueCount;
        if (_next.Length < count)
        {
            _next = new int[Math.Max(count, _next.Length * 2)];
        }

        var last = _first; // reused as "last index seen" through the chain walk below
        for (var i = count - 1; i >= 0; i--)
        {
            _next[i] = -1;
            var id = FieldIdOf(record.GetName(i));
            if (id < 0)
            {
                continue;
            }

            // walking backwards, each value becomes the head of its field's chain
            if (_stamp[id] == _generation)
            {
                _next[i] = last[id];
            }
            else
            {
                _stamp[id] = _generation;
            }

            _first[id] = i;
        }
    }

    private int FieldIdOf(string name)
    {
        if (_byReference.TryGetValue(name, out var id))
        {
            return id;
        }

        if (!_byName.TryGetValue(name, out id))
        {
            var canonical = name.Contains(' ', StringComparison.Ordinal) ? name.Replace(" ", "", StringComparison.Ordinal) : name;
            // Names of System fields that System always answers (EventID, Level) are not mapped from the data.
            id = _rules.TryGetField(canonical, out var field) && (uint)field.Id < (uint)_stamp.Length && _systemOf[field.Id] <= 0 ? field.Id : -1;
            if (_byName.Count >= MaxCachedNames)
            {
                _byName.Clear();
            }

            _byName[name] = id;
        }

        if (_byReference.Count >= MaxCachedNames)
        {
            _byReference.Clear();
        }

        _byReference[name] = id;
        return id;
    }
}
