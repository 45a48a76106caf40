namespace Vigie.Sigma;

/// <summary>
/// A ready-made <see cref="ISigmaEvent"/>: named values held in memory. Suits JSON lines, tests and any
/// source that already has its values as strings. A name added twice becomes a multi-valued field;
/// a <see langword="null"/> value is a present field without value. Names compare case-insensitively.
/// Values of the System header may be added apart (<see cref="AddSystem"/>): where the data has a value of
/// the same name, rules read the data's (<see cref="SigmaFieldCollisions"/>).
/// </summary>
public sealed class SigmaEvent : ISigmaEvent
{
    private readonly Dictionary<string, int> _slotByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _systemSlotByName = new(StringComparer.OrdinalIgnoreCase);
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
    public SigmaEvent Add(string name, string? value) => Add(_slotByName, name, value);

    /// <summary>
    /// Adds a value of the event's System header (<c>Channel</c>, <c>EventID</c>, <c>Computer</c>, ...). A data
    /// value of the same name (<see cref="Add"/>) wins for rules, except for <c>EventID</c> and <c>Level</c>;
    /// <see cref="GetLogChannel"/> reads System's <c>Channel</c>.
    /// </summary>
    public SigmaEvent AddSystem(string name, string? value) => Add(_systemSlotByName, name, value);

    private SigmaEvent Add(Dictionary<string, int> slotByName, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            name = name.Replace(" ", "", StringComparison.Ordinal);
        }

        if (slotByName.TryGetValue(name, out var slot))
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
            slotByName[name] = _slots.Count;
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

    /// <summary>The values of a field by name, as rules read them (empty when absent or null).</summary>
    public IReadOnlyList<string> Values(string name) =>
        Resolve(name) is var slot && slot >= 0 && _slots[slot].Values is { } values ? values : [];

    /// <summary>The first value of a field, System's when the header has it (for a timeline's columns).</summary>
    public string? SystemValue(string name)
    {
        var slot = _systemSlotByName.TryGetValue(name, out var system) ? system : Resolve(name);
        return slot >= 0 && _slots[slot].Values is [var first, ..] ? first : null;
    }

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
    public SigmaValueKind GetLogChannel(out ReadOnlySpan<char> value)
    {
        var slot = _systemSlotByName.TryGetValue("Channel", out var system) ? system : Resolve("Channel");
        if (slot >= 0 && _slots[slot].Values is [var first, ..])
        {
            value = first;
            return SigmaValueKind.Value;
        }

        value = default;
        return slot >= 0 ? SigmaValueKind.Null : SigmaValueKind.Absent;
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
            return Resolve(field.Name);
        }

        var slot = Resolve(field.Name);
        byId[field.Id] = slot;
        _nameById[field.Id] = field.Name;
        return slot;
    }

    /// <summary>The slot rules read: the data's, or System's when the data lacks the name or System wins for it.</summary>
    private int Resolve(string name)
    {
        if (_systemSlotByName.Count > 0 && _systemSlotByName.TryGetValue(name, out var system) &&
            (SigmaFieldCollisions.SystemWins(name) || !_slotByName.ContainsKey(name)))
        {
            return system;
        }

        return _slotByName.TryGetValue(name, out var slot) ? slot : -1;
    }

    private readonly record struct Slot(string Name, List<string>? Values)
    {
        public bool IsNull => Values is null;
    }
}
