namespace Vigie.Sigma;

/// <summary>
/// A ready-made <see cref="ISigmaEvent"/>: named values held in memory. Suits JSON lines, tests and any
/// source that already has its values as strings. A name added twice becomes a multi-valued field;
/// a <see langword="null"/> value is a present field without value. Names compare case-insensitively.
/// </summary>
public sealed class SigmaEvent : ISigmaEvent
{
    private readonly Dictionary<string, int> _slotByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Slot> _slots = [];
    private readonly List<string> _allValues = [];
    private int[] _slotById = [];
    private string?[] _nameById = [];

    /// <summary>The number of distinct fields.</summary>
    public int FieldCount => _slots.Count;

    /// <summary>
    /// Adds a value to a field (a second value makes it multi-valued). Spaces are removed from the name, as
    /// the Sigma specification asks of rule field names (Defender's <c>Threat Name</c> is <c>ThreatName</c>).
    /// </summary>
    public SigmaEvent Add(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            name = name.Replace(" ", "", StringComparison.Ordinal);
        }
        if (_slotByName.TryGetValue(name, out var slot))
        {
            var existing = _slots[slot];
            if (value is null)
            {
                return this;
            }

            if (existing.IsNull)
            {
                _slots[slot] = new Slot(name, [value]);
            }
            else
            {
                existing.Values!.Add(value);
            }
        }
        else
        {
            _slotByName[name] = _slots.Count;
            _slots.Add(value is null ? new Slot(name, null) : new Slot(name, [value]));
            if (_slotById.Length > 0)
            {
                _slotById = [];
                _nameById = [];
            }
        }

        if (value is not null)
        {
            _allValues.Add(value);
        }

        return this;
    }

    /// <summary>The values of a field by name (empty when absent or null).</summary>
    public IReadOnlyList<string> Values(string name) =>
        _slotByName.TryGetValue(name, out var slot) && _slots[slot].Values is { } values ? values : [];

    /// <summary>The names of the fields, in the order they were first added.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            foreach (var slot in _slots)
            {
                yield return slot.Name;
            }
        }
    }

    /// <inheritdoc />
    public SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value)
    {
        var slot = SlotOf(field);
        if (slot < 0)
        {
            value = default;
            return SigmaValueKind.Absent;
        }

        var values = _slots[slot].Values;
        if (values is null)
        {
            value = default;
            return index == 0 ? SigmaValueKind.Null : SigmaValueKind.Absent;
        }

        if ((uint)index >= (uint)values.Count)
        {
            value = default;
            return SigmaValueKind.Absent;
        }

        value = values[index];
        return index + 1 < values.Count ? SigmaValueKind.MoreValues : SigmaValueKind.Value;
    }

    /// <inheritdoc />
    public SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value)
    {
        if ((uint)index >= (uint)_allValues.Count)
        {
            value = default;
            return SigmaValueKind.Absent;
        }

        value = _allValues[index];
        return SigmaValueKind.Value;
    }

    private int SlotOf(SigmaField field)
    {
        var byId = _slotById;
        if ((uint)field.Id < (uint)byId.Length)
        {
            var cached = byId[field.Id];
            if (cached != -2 && ReferenceEquals(_nameById[field.Id], field.Name))
            {
                return cached;
            }
        }
        else if (field.Id >= 0)
        {
            var size = Math.Max(field.Id + 1, Math.Max(16, byId.Length * 2));
            var grown = new int[size];
            Array.Fill(grown, -2);
            byId.CopyTo(grown, 0);
            var names = new string?[size];
            _nameById.CopyTo(names, 0);
            _slotById = byId = grown;
            _nameById = names;
        }
        else
        {
            return _slotByName.TryGetValue(field.Name, out var s) ? s : -1;
        }

        var slot = _slotByName.TryGetValue(field.Name, out var found) ? found : -1;
        byId[field.Id] = slot;
        _nameById[field.Id] = field.Name;
        return slot;
    }

    private readonly record struct Slot(string Name, List<string>? Values)
    {
        public bool IsNull => Values is null;
    }
}
