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

        _channels = new Dictionary<string, ChannelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (channel, list) in byChannel)
        {
            var anyId = list.Where(v => v.EventIds is null).Concat(global).ToArray();
            var ids = list.Where(v => v.EventIds is not null).SelectMany(v => v.EventIds!).Distinct();
            var byId = new Dictionary<int, Bucket>();
            foreach (var id in ids)
            {
                var members = list.Where(v => v.EventIds is null || v.EventIds.Contains(id)).Concat(global).ToArray();
                byId[id] = new Bucket(members, usePrefilter);
            }

            _channels[channel] = new ChannelEntry(byId, new Bucket(anyId, usePrefilter));
        }

        _lookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();
        BucketCount = 1 + _channels.Values.Sum(c => c.ByEventId.Count + 1);
    }

    public int BucketCount { get; }

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

    public IEnumerable<Bucket> Buckets => _channels.Values.SelectMany(c => c.ByEventId.Values.Append(c.AnyEventId)).Append(_global);

    private sealed record ChannelEntry(Dictionary<int, Bucket> ByEventId, Bucket AnyEventId);
}
