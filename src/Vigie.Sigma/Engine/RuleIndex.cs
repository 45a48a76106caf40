using System.Globalization;

namespace Vigie.Sigma.Engine;

/// <summary>
/// Rule variants by (channel, event id): an event meets only the variants that can match it. Rules of a
/// whole channel and rules of every event are merged into each bucket, so one lookup gives everything.
/// </summary>
internal sealed class RuleIndex
{
    private readonly Dictionary<string, ChannelEntry> _channels;
    private readonly Dictionary<string, ChannelEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Bucket _global;

    public RuleIndex(IReadOnlyList<RuleVariant> variants, bool usePrefilter)
    {
        var global = variants.Where(v => v.Target is null).ToArray();
        _global = new Bucket(global, usePrefilter);
        var byChannel = new Dictionary<string, List<RuleVariant>>(StringComparer.OrdinalIgnoreCase);
        foreach (var variant in variants)
        {
            if (variant.Target is null)
            {
                continue;
            }

            foreach (var channel in variant.Target.Channels)
            {
                if (!byChannel.TryGetValue(channel, out var list))
                {
                    byChannel[channel] = list = [];
                }

                if (!list.Contains(variant))
                {
                    list.Add(variant);
                }
            }
        }

        // Which variants go in which bucket (their prefilters are built when an event first needs them).
        var plan = new List<(string Channel, int? EventId, RuleVariant[] Members)>();
        foreach (var (channel, list) in byChannel)
        {
            plan.Add((channel, null, [.. list.Where(v => v.EventIds is null).Concat(global)]));
            foreach (var id in list.Where(v => v.EventIds is not null).SelectMany(v => v.EventIds!).Distinct())
            {
                plan.Add((channel, id, [.. list.Where(v => v.EventIds is null || v.EventIds.Contains(id)).Concat(global)]));
            }
        }

        var buckets = new Bucket[plan.Count];
        for (var i = 0; i < plan.Count; i++)
        {
            buckets[i] = new Bucket(plan[i].Members, usePrefilter);
        }

        _channels = new Dictionary<string, ChannelEntry>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plan.Count; i++)
        {
            var (channel, id, _) = plan[i];
            if (!_channels.TryGetValue(channel, out var entry))
            {
                _channels[channel] = entry = new ChannelEntry([], null!);
            }

            if (id is { } eventId)
            {
                entry.ByEventId[eventId] = buckets[i];
            }
            else
            {
                _channels[channel] = entry with { AnyEventId = buckets[i] };
            }
        }

        _lookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();
        Buckets = [.. buckets, _global];
    }

    /// <summary>Every bucket, in an order that depends only on the variants (the rule cache stores prefilters in it).</summary>
    public IReadOnlyList<Bucket> Buckets { get; }

    public Bucket Find(ReadOnlySpan<char> channel, ReadOnlySpan<char> eventId, bool hasChannel)
    {
        if (!hasChannel || !_lookup.TryGetValue(channel, out var entry))
        {
            return _global;
        }

        if (int.TryParse(eventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) &&
            entry.ByEventId.TryGetValue(id, out var bucket))
        {
            return bucket;
        }

        return entry.AnyEventId;
    }

    private sealed record ChannelEntry(Dictionary<int, Bucket> ByEventId, Bucket AnyEventId);
}
