namespace Vigie.Sigma.Engine;

/// <summary>Field names to dense ids, case-insensitively; the first spelling seen is the canonical name.</summary>
internal sealed class FieldTable
{
    private readonly Dictionary<string, SigmaField> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SigmaField> _fields = [];

    public FieldTable()
    {
        Channel = GetOrAdd("Channel");
        EventId = GetOrAdd("EventID");
        ProviderName = GetOrAdd("Provider_Name");
    }

    public SigmaField Channel { get; }

    public SigmaField EventId { get; }

    public SigmaField ProviderName { get; }

    public IReadOnlyList<SigmaField> Fields => _fields;

    public SigmaField GetOrAdd(string name)
    {
        lock (_byName)
        {
            if (!_byName.TryGetValue(name, out var field))
            {
                field = new SigmaField(_fields.Count, name);
                _byName.Add(name, field);
                _fields.Add(field);
            }

            return field;
        }
    }

    public bool TryGet(string name, out SigmaField field) => _byName.TryGetValue(name, out field);
}
