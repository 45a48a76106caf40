using Vigie.Sigma;

namespace Vigie.Hunt.Sources;

/// <summary>A JSON lines event: its values in a <see cref="SigmaEvent"/>, plus the System facts the timeline needs.</summary>
internal sealed class JsonHuntEvent(SigmaEvent values) : IHuntEvent
{
    public SigmaEvent Values { get; } = values;

    public DateTime? Timestamp { get; set; }

    public SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value) => Values.GetValue(field, index, out value);

    public SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value) => Values.GetAnyValue(index, out value);

    public SigmaValueKind GetLogChannel(out ReadOnlySpan<char> value) => Values.GetLogChannel(out value);

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

    /// <summary>The first value of a field of the System header (the data's when the header lacks it): the row's columns.</summary>
    public string? First(string name) => Values.SystemValue(name);
}
