namespace Vigie.Hunt.Pipeline;

/// <summary>
/// One worker's texts of detection details, each kept once: logs repeat the same images, command lines, users and
/// hosts, and every detection is held until the timeline is written, so a text met again is the string already made
/// (fewer strings held, less for the garbage collector to mark and move). Bounded: emptied when full.
/// </summary>
internal sealed class DetailStrings
{
    private const int MaxCount = 32_768;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DetailStrings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_strings.Count >= MaxCount)
        {
            _strings.Clear();
        }

        var made = text.ToString();
        _strings.Add(made);
        return made;
    }
}
