using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigie.Evtx.BinXml;
using Vigie.Evtx.Values;

namespace Vigie.Evtx;

public sealed partial class EvtxRecord
{
    private bool _namedBuilt;
    private int _namedCount;
    private NamedEntry[] _named = new NamedEntry[32];
    private NamedEntry[] _entries = []; // _named, or a list kept by the template when the record's named values are those
    private readonly List<NestedVisit> _visits = [];
    private bool _namedByValues;
    private int _positional;

    /// <summary><c>System/EventID</c>, or null when the event has none.</summary>
    public int? EventId => TryGetSystemUInt64(EvtxSystemField.EventId, out var value) ? (int)(value & 0xFFFF_FFFF) : null;

    /// <summary><c>System/Channel</c> (interned: reading it does not allocate once seen).</summary>
    public string? Channel => GetSystemString(EvtxSystemField.Channel);

    /// <summary><c>System/Provider/@Name</c>.</summary>
    public string? Provider => GetSystemString(EvtxSystemField.ProviderName);

    /// <summary><c>System/Computer</c>.</summary>
    public string? Computer => GetSystemString(EvtxSystemField.Computer);

    /// <summary><c>System/Security/@UserID</c> (a SID such as S-1-5-18).</summary>
    public string? UserId => GetSystemString(EvtxSystemField.UserId);

    /// <summary><c>System/TimeCreated/@SystemTime</c>, UTC.</summary>
    public DateTime? TimeCreated
    {
        get
        {
            var fast = SystemValue(EvtxSystemField.TimeCreated, out var fastType);
            if (fastType == (int)EvtxValueType.FileTime && fast.Length == 8)
            {
                return FileTimeToDateTime(BinaryPrimitives.ReadUInt64LittleEndian(fast));
            }

            var (start, end) = SystemRange(EvtxSystemField.TimeCreated);
            if (start < 0)
            {
                return null;
            }

            return DateTime.TryParse(PartsText(0, start, end), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        }
    }

    /// <summary><c>System/Level</c>.</summary>
    public byte? Level => TryGetSystemUInt64(EvtxSystemField.Level, out var value) ? (byte)value : null;

    /// <summary><c>System/Task</c>.</summary>
    public ushort? Task => TryGetSystemUInt64(EvtxSystemField.Task, out var value) ? (ushort)value : null;

    /// <summary><c>System/Keywords</c>.</summary>
    public ulong? Keywords => TryGetSystemUInt64(EvtxSystemField.Keywords, out var value) ? value : null;

    /// <summary><c>System/Execution/@ProcessID</c>.</summary>
    public uint? ProcessId => TryGetSystemUInt64(EvtxSystemField.ProcessId, out var value) ? (uint)value : null;

    /// <summary><c>System/Execution/@ThreadID</c>.</summary>
    public uint? ThreadId => TryGetSystemUInt64(EvtxSystemField.ThreadId, out var value) ? (uint)value : null;

    /// <summary>
    /// The text of a System field as Windows renders it (valid until the reader moves on). False when the
    /// event's template has no such field.
    /// </summary>
    public bool TryGetSystemText(EvtxSystemField field, out ReadOnlySpan<char> text)
    {
        var (start, end) = SystemRange(field);
        if (start < 0)
        {
            text = default;
            return false;
        }

        text = PartsText(0, start, end);
        return true;
    }

    /// <summary>
    /// Every character the text of a number, a hexadecimal number, a GUID, a SID, a date or binary data can hold
    /// (<see cref="HasNumericText"/>): digits, <c>A-F</c> in either case, <c>S T Z x</c> and <c>- : . { }</c>.
    /// </summary>
    public const string NumericTextCharacters = "0123456789ABCDEFabcdefSTZx-:.{}";

    /// <summary>True when the event's template has this System field (its text is not built).</summary>
    public bool HasSystemField(EvtxSystemField field) => SystemRange(field).Start >= 0;

    /// <summary>
    /// True when the System field's text is one value of a type whose text holds only
    /// <see cref="NumericTextCharacters"/> (integers, hexadecimal, GUID, SID, FILETIME, SYSTEMTIME, binary), known
    /// from the type alone, without building the text. False for strings, booleans, reals and text of several parts.
    /// </summary>
    public bool SystemHasNumericText(EvtxSystemField field)
    {
        EnsureValid();
        return IsNumericSubstitution(0, _instanceTemplates[0].SystemSubstitution(field), arrayItem: false);
    }

    /// <summary>
    /// True when named value <paramref name="index"/>'s text is one value (or array item) of a type whose text holds
    /// only <see cref="NumericTextCharacters"/>, as <see cref="SystemHasNumericText"/>.
    /// </summary>
    public bool HasNumericText(int index)
    {
        EnsureNamed();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_namedCount, nameof(index));
        ref readonly var entry = ref _entries[index];
        return IsNumericSubstitution(entry.Instance, entry.Substitution, entry.ArrayIndex >= 0);
    }

    /// <summary>True when <paramref name="substitution"/> (-1: the value is not one substitution) has numeric text.</summary>
    private bool IsNumericSubstitution(int instance, int substitution, bool arrayItem)
    {
        if (substitution < 0)
        {
            return false;
        }

        Value(instance, substitution, out var type);
        if (ValueFormatter.IsArray(type))
        {
            // A whole array's text joins its items with ", ": only one item at a time is numeric text.
            if (!arrayItem)
            {
                return false;
            }

            type &= 0x7F;
        }

        return ValueFormatter.HasNumericText((EvtxValueType)type);
    }

    /// <summary>A System field as an unsigned integer (hexadecimal and decimal renderings are both read).</summary>
    public bool TryGetSystemUInt64(EvtxSystemField field, out ulong value)
    {
        if (SystemValue(field, out var fastType) is var fast && fastType >= 0 && TryReadUnsigned((EvtxValueType)fastType, fast, out value))
        {
            return true;
        }

        var (start, end) = SystemRange(field);
        value = 0;
        return start >= 0 && TryParseUnsigned(PartsText(0, start, end), out value);
    }

    /// <summary>The number of named values (EventData <c>Data</c> items, UserData leaf elements and attributes).</summary>
    public int NamedValueCount
    {
        get
        {
            EnsureNamed();
            return _namedCount;
        }
    }

    /// <summary>The name of named value <paramref name="index"/>: the Data <c>Name</c>, the element name, or <c>Data</c> for unnamed items.</summary>
    public string GetName(int index)
    {
        EnsureNamed();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_namedCount, nameof(index));
        return _entries[index].Name;
    }

    /// <summary>The text of named value <paramref name="index"/> as Windows renders it (valid until the reader moves on).</summary>
    public ReadOnlySpan<char> GetText(int index)
    {
        EnsureNamed();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_namedCount, nameof(index));
        return EntryText(in _entries[index]);
    }

    /// <summary>
    /// Named value <paramref name="index"/> as it is stored, without building its text: a number as a number, a
    /// string as the characters in the record, text written in the template as that text. Only a value of several
    /// parts (text and substitutions mixed, which Windows' templates do not write) is given as its built text.
    /// </summary>
    public EvtxValue GetValue(int index)
    {
        EnsureNamed();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_namedCount, nameof(index));
        ref readonly var entry = ref _entries[index];
        if (entry.Substitution >= 0 && entry.ArrayIndex < 0)
        {
            // The common case, without looking at the template's nodes again: one value, not an array.
            var data = Value(entry.Instance, entry.Substitution, out var type);
            if (type < (byte)EvtxValueType.ArrayFlag)
            {
                return EvtxValue.FromScalar((EvtxValueType)type, data);
            }
        }

        return PartsValue(entry.Instance, entry.PartsStart, entry.PartsEnd, entry.ArrayIndex);
    }

    /// <summary>A System field as it is stored (see <see cref="GetValue"/>); false when the event's template has no such field.</summary>
    public bool TryGetSystemValue(EvtxSystemField field, out EvtxValue value)
    {
        if (SystemValue(field, out var fastType) is var fast && fastType is >= 0 and < (int)EvtxValueType.ArrayFlag)
        {
            value = EvtxValue.FromScalar((EvtxValueType)fastType, fast);
            return true;
        }

        var (start, end) = SystemRange(field);
        if (start < 0)
        {
            value = EvtxValue.Empty;
            return false;
        }

        value = PartsValue(0, start, end, -1);
        return true;
    }

    private EvtxValue PartsValue(int instance, int start, int end, int arrayIndex)
    {
        if (end == start + 1)
        {
            ref readonly var node = ref _instanceTemplates[instance].Nodes[start];
            if (node.Kind == NodeKind.Substitution)
            {
                var data = Value(instance, node.Index, out var type);
                if (!ValueFormatter.IsArray(type))
                {
                    return EvtxValue.FromScalar((EvtxValueType)type, data);
                }

                if (arrayIndex >= 0)
                {
                    return ValueFormatter.TryGetItem(type, data, arrayIndex, out var item)
                        ? EvtxValue.FromScalar((EvtxValueType)(type & 0x7F), item)
                        : EvtxValue.Empty;
                }
            }
            else if (node.Kind == NodeKind.Text)
            {
                return EvtxValue.FromText(node.Text);
            }
        }

        return end <= start ? EvtxValue.Empty : EvtxValue.FromText(PartsText(instance, start, end, arrayIndex));
    }

    /// <summary>
    /// The text of the first named value called <paramref name="name"/> (ordinal comparison). Unnamed
    /// <c>Data</c> items answer to <c>Data</c> and, by position, to <c>Data[1]</c>, <c>Data[2]</c>…
    /// Array values yield one named value per item.
    /// </summary>
    public bool TryGetText(ReadOnlySpan<char> name, out ReadOnlySpan<char> text)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            text = default;
            return false;
        }

        text = EntryText(in _entries[index]);
        return true;
    }

    /// <summary>The index of the first named value called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> name)
    {
        EnsureNamed();
        var named = _entries;
        for (var i = 0; i < _namedCount; i++)
        {
            if (name.SequenceEqual(named[i].Name))
            {
                return i;
            }
        }

        if (name.Length > 6 && name.StartsWith("Data[") && name[^1] == ']' &&
            int.TryParse(name[5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            for (var i = 0; i < _namedCount; i++)
            {
                if (named[i].Position == position)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>The text of a named value as a new string, or null when absent.</summary>
    public string? GetString(string name) => TryGetText(name, out var text) ? text.ToString() : null;

    /// <summary>
    /// The bytes of a System field that is one substitution in the event's template, with its type; type -1 when the
    /// field is absent or made otherwise (the callers then read its parts).
    /// </summary>
    private ReadOnlySpan<byte> SystemValue(EvtxSystemField field, out int type)
    {
        EnsureValid();
        var substitution = _instanceTemplates[0].SystemSubstitution(field);
        if (substitution < 0)
        {
            type = -1;
            return default;
        }

        var data = Value(0, substitution, out var valueType);
        type = valueType;
        return data;
    }

    internal (int Start, int End) SystemRange(EvtxSystemField field)
    {
        EnsureValid();
        return _instanceTemplates[0].SystemField(field);
    }

    private string? GetSystemString(EvtxSystemField field) =>
        TryGetSystemText(field, out var text) ? _chunk.Pool.Get(text) : null;

    /// <summary>The text of a value part range (literal text, substitutions, references), in the arena when built.</summary>
    internal ReadOnlySpan<char> PartsText(int instance, int start, int end, int arrayIndex = -1)
    {
        var nodes = _instanceTemplates[instance].Nodes;
        if (end == start + 1)
        {
            ref readonly var node = ref nodes[start];
            if (node.Kind == NodeKind.Substitution)
            {
                return ValueText(instance, node.Index, arrayIndex);
            }

            if (node.Kind == NodeKind.Text)
            {
                return node.Text;
            }
        }

        if (end <= start)
        {
            return default;
        }

        _arena.Open();
        var template = _instanceTemplates[instance];
        for (var i = start; i < end; i = template.NextSibling(i))
        {
            ref readonly var node = ref nodes[i];
            switch (node.Kind)
            {
                case NodeKind.Text:
                case NodeKind.CData:
                    _arena.Append(node.Text);
                    break;
                case NodeKind.Substitution:
                    AppendValueText(instance, node.Index, arrayIndex);
                    break;
                case NodeKind.CharRef:
                    AppendCodePoint(node.Index);
                    break;
                case NodeKind.EntityRef:
                    _arena.Append(EntityText(node.Text));
                    break;
                default:
                    break;
            }
        }

        return _arena.Close();
    }

    internal static string EntityText(string? name) => name switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => "&" + name + ";",
    };

    private void AppendCodePoint(int codePoint)
    {
        Span<char> chars = stackalloc char[2];
        var rune = System.Text.Rune.IsValid(codePoint) ? new System.Text.Rune(codePoint) : System.Text.Rune.ReplacementChar;
        var count = rune.EncodeToUtf16(chars);
        _arena.Append(chars.Slice(0, count));
    }

    private void AppendValueText(int instance, int index, int arrayIndex)
    {
        var data = Value(instance, index, out var type);
        if (ValueFormatter.IsArray(type))
        {
            if (arrayIndex >= 0)
            {
                if (ValueFormatter.TryGetItem(type, data, arrayIndex, out var item))
                {
                    AppendScalar((EvtxValueType)(type & 0x7F), item);
                }

                return;
            }

            for (var i = 0; ValueFormatter.TryGetItem(type, data, i, out var item); i++)
            {
                if (i > 0)
                {
                    _arena.Append(", ");
                }

                AppendScalar((EvtxValueType)(type & 0x7F), item);
            }

            return;
        }

        if (type == (byte)EvtxValueType.BinXml)
        {
            return;
        }

        AppendScalar((EvtxValueType)type, data);
    }

    private void AppendScalar(EvtxValueType type, ReadOnlySpan<byte> data)
    {
        var span = _arena.Rent(ValueFormatter.MaxLength(type, data.Length));
        _arena.Commit(ValueFormatter.Format(type, data, span, _chunk.AnsiEncoding));
    }

    /// <summary>The text of one substitution value (one item of an array when <paramref name="arrayIndex"/> ≥ 0).</summary>
    internal ReadOnlySpan<char> ValueText(int instance, int index, int arrayIndex = -1)
    {
        var data = Value(instance, index, out var type);
        if (ValueFormatter.IsArray(type))
        {
            if (arrayIndex >= 0)
            {
                return ValueFormatter.TryGetItem(type, data, arrayIndex, out var item)
                    ? ScalarText((EvtxValueType)(type & 0x7F), item)
                    : default;
            }

            _arena.Open();
            AppendValueText(instance, index, -1);
            return _arena.Close();
        }

        return type == (byte)EvtxValueType.BinXml ? default : ScalarText((EvtxValueType)type, data);
    }

    internal ReadOnlySpan<char> ScalarText(EvtxValueType type, ReadOnlySpan<byte> data)
    {
        if (type == EvtxValueType.String)
        {
            return ValueFormatter.TrimNul(MemoryMarshal.Cast<byte, char>(data.Slice(0, data.Length & ~1)));
        }

        var span = _arena.Rent(ValueFormatter.MaxLength(type, data.Length));
        return _arena.Commit(ValueFormatter.Format(type, data, span, _chunk.AnsiEncoding));
    }

    private static bool TryReadUnsigned(EvtxValueType type, ReadOnlySpan<byte> data, out ulong value)
    {
        switch (type)
        {
            case EvtxValueType.UInt8 or EvtxValueType.Int8 when data.Length == 1:
                value = data[0];
                return true;
            case EvtxValueType.UInt16 or EvtxValueType.Int16 when data.Length == 2:
                value = BinaryPrimitives.ReadUInt16LittleEndian(data);
                return true;
            case EvtxValueType.UInt32 or EvtxValueType.Int32 or EvtxValueType.HexInt32 or EvtxValueType.SizeT when data.Length == 4:
                value = BinaryPrimitives.ReadUInt32LittleEndian(data);
                return true;
            case EvtxValueType.UInt64 or EvtxValueType.Int64 or EvtxValueType.HexInt64 or EvtxValueType.SizeT when data.Length == 8:
                value = BinaryPrimitives.ReadUInt64LittleEndian(data);
                return true;
            default:
                value = 0;
                return false;
        }
    }

    private static bool TryParseUnsigned(ReadOnlySpan<char> text, out ulong value)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureNamed()
    {
        // Called by every named-value accessor: the common case (listed, record current) is one test, inlined.
        if (!(_namedBuilt & _valid))
        {
            BuildNamed();
        }
    }

    private void BuildNamed()
    {
        EnsureValid();
        if (_namedBuilt)
        {
            return;
        }

        // A list built for an earlier record of this template serves again when this record's nested values (if any)
        // decode to the same templates, in the same places, and none of its values is an array: most events' named
        // values are their template's own (no nested XML, no name built from values), and are not built per record.
        var template = _instanceTemplates[0];
        foreach (var known in template.NamedLists)
        {
            if (known is not null && SameNesting(known))
            {
                _entries = known.Entries;
                _namedCount = known.Entries.Length;
                _namedBuilt = true;
                return;
            }
        }

        _namedCount = 0;
        _positional = 0;
        _visits.Clear();
        _namedByValues = false;
        Expand(0, template.Items(DataContext.Root), 0);
        _entries = _named;
        _namedBuilt = true;
        if (!_namedByValues && !_anyArrayType)
        {
            template.KeepNamedList(new NamedList(_named.AsSpan(0, _namedCount).ToArray(), _visits.ToArray()));
        }
    }

    /// <summary>
    /// Decodes the record's nested values in the order <paramref name="named"/> met them, and true when each gives the
    /// same fragment instance with the same template (or none, as then), and no value is an array: the named values
    /// are then those of <paramref name="named"/>, which depend on nothing else.
    /// </summary>
    private bool SameNesting(NamedList named)
    {
        foreach (var visit in named.Visits)
        {
            var nested = Nested(visit.Instance, visit.Index);
            if (nested != visit.Result || (nested >= 0 && !ReferenceEquals(_instanceTemplates[nested], visit.Template)))
            {
                return false;
            }
        }

        return !_anyArrayType;
    }

    private void Expand(int instance, DataItem[] items, int depth)
    {
        var nodes = _instanceTemplates[instance].Nodes;
        foreach (ref readonly var item in items.AsSpan())
        {
            if (item.IsNested)
            {
                var nested = Nested(instance, item.NestedIndex);
                _visits.Add(new NestedVisit(instance, item.NestedIndex, nested, nested >= 0 ? _instanceTemplates[nested] : null));
                if (nested >= 0 && depth < MaxNestingDepth)
                {
                    Expand(nested, _instanceTemplates[nested].Items(item.NestedContext), depth + 1);
                }

                continue;
            }

            string name;
            var position = 0;
            if (item.Name is not null)
            {
                name = item.Name;
            }
            else if (item.NameStart >= 0)
            {
                _namedByValues = true;
                name = _chunk.Pool.Get(PartsText(instance, item.NameStart, item.NameEnd));
            }
            else
            {
                name = "Data";
                position = ++_positional;
            }

            var sole = NamedEntry.SoleSubstitution(nodes, item.PartsStart, item.PartsEnd);
            if (sole >= 0)
            {
                var data = Value(instance, sole, out var type);
                if (ValueFormatter.IsArray(type))
                {
                    var count = 0;
                    while (ValueFormatter.TryGetItem(type, data, count, out _))
                    {
                        AddNamed(new NamedEntry(name, instance, item.PartsStart, item.PartsEnd, count, position, sole));
                        count++;
                    }

                    if (count == 0)
                    {
                        AddNamed(new NamedEntry(name, instance, item.PartsStart, item.PartsStart, -1, position, -1));
                    }

                    continue;
                }
            }

            AddNamed(new NamedEntry(name, instance, item.PartsStart, item.PartsEnd, -1, position, sole));
        }
    }

    private void AddNamed(in NamedEntry entry)
    {
        if (_namedCount == _named.Length)
        {
            Array.Resize(ref _named, _named.Length * 2);
        }

        _named[_namedCount++] = entry;
    }

    private ReadOnlySpan<char> EntryText(in NamedEntry entry) =>
        PartsText(entry.Instance, entry.PartsStart, entry.PartsEnd, entry.ArrayIndex);
}
