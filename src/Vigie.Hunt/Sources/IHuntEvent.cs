using Vigie.Sigma;

namespace Vigie.Hunt.Sources;

/// <summary>An event as the hunt sees it: the Sigma view plus what the timeline rows need.</summary>
internal interface IHuntEvent : ISigmaEvent
{
    /// <summary>The first value of a field by its canonical name (for details the rules do not read).</summary>
    bool TryGetByName(string name, out ReadOnlySpan<char> value);
}
