using System.Runtime.CompilerServices;
namespace Vigie.Evtx.Values;

/// <summary>
/// Interns strings that repeat across records (element names, channels, computers) so that reading them
/// does not allocate each time. Owned by one reader (never shared across threads), bounded in size.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 16_384;
    private const int MaxLength = 256;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = text.ToString();
        if (text.Length <= MaxLength && _set.Count < MaxEntries)
        {
            _set.Add(created);
        }

        return created;
    }
}
