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

    // The last string seen in each of a few slots chosen from the length and three characters: consecutive records
    // repeat their channel, computer, provider and names, found here by one comparison instead of a full hash.
    private readonly string?[] _recent = new string?[256];

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        var slot = ((text.Length * 31) + (text[0] * 7) + (text[text.Length / 2] * 13) + text[^1]) & (256 - 1);
        if (_recent[slot] is { } recent && text.SequenceEqual(recent))
        {
            return recent;
        }

        if (!_lookup.TryGetValue(text, out var found))
        {
            found = text.ToString();
            if (text.Length <= MaxLength && _set.Count < MaxEntries)
            {
                _set.Add(found);
            }
        }

        _recent[slot] = found;
        return found;
    }
}
