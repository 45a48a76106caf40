using Vigie.Sigma;

namespace Vigie.Hunt.Sources;

/// <summary>A JSON lines event: its values in a <see cref="SigmaEvent"/>, plus the System facts the timeline needs.</summary>
internal sealed class JsonHuntEvent(SigmaEvent values) : IHuntEvent
{
    public SigmaEvent Values { get; } = values;

    public DateTime? Timestamp { get; set; }

    public SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value) => Values.GetValue(field, index, out value);

    public SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value) => Values.GetAnyValue(index, out value);

    public bool TryGetByName(string name, out ReadOnlySpan<char> value)
    {
        var values = Values.Values(name);
        if (values.Count == 0)
        {
            value = default;
            return false;
        }

        value = values[0];
        return true;
    }

    public string? First(string name)
    {
        var values = Values.Values(name);
        return values.Count == 0 ? null : values[0];
    }
}
