namespace Vigie.Hunt.Pipeline;

/// <summary>Counts the detections written, for <see cref="HuntSummary"/> (calling thread only).</summary>
internal sealed class SummaryBuilder
{
    private const int TopRuleCount = 20;
    private readonly long[] _byLevel = new long[5];
    private readonly Dictionary<string, RuleAccumulator> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostAccumulator> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _tactics = new(StringComparer.Ordinal);
    private long _count;
    private DateTime? _first;
    private DateTime? _last;

    public void Add(HuntDetection detection)
    {
        _count++;
        _byLevel[(int)detection.Level]++;
        var key = detection.RuleId.Length > 0 ? detection.RuleId : detection.RuleTitle;
        if (!_rules.TryGetValue(key, out var rule))
        {
            _rules[key] = rule = new RuleAccumulator(detection.RuleTitle, detection.RuleId, detection.Level, detection.Author);
        }

        rule.Count++;
        foreach (var tactic in detection.Tactics)
        {
            _tactics[tactic] = _tactics.GetValueOrDefault(tactic) + 1;
        }

        if (_first is null || detection.Timestamp < _first)
        {
            _first = detection.Timestamp;
        }

        if (_last is null || detection.Timestamp > _last)
        {
            _last = detection.Timestamp;
        }

        var computer = detection.Computer.Length == 0 ? "-" : detection.Computer;
        if (!_hosts.TryGetValue(computer, out var host))
        {
            _hosts[computer] = host = new HostAccumulator(computer, detection.Timestamp);
        }

        host.Add(detection);
    }

    public HuntSummary Build(HuntSummary reading) => reading with
    {
        Detections = _count,
        ByLevel = HuntLevels.All.ToDictionary(l => l, l => _byLevel[(int)l]),
        TopRules = _rules.Values
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.Level).ThenBy(r => r.Title, StringComparer.Ordinal)
            .Take(TopRuleCount)
            .Select(r => new HuntRuleCount(r.Title, r.Id, r.Level, r.Author, r.Count))
            .ToList(),
        Hosts = _hosts.Values
            .OrderByDescending(h => h.Count).ThenBy(h => h.Computer, StringComparer.Ordinal)
            .Select(h => new HuntHostSummary(h.Computer, h.Count, h.First, h.Last,
                HuntLevels.All.ToDictionary(l => l, l => h.ByLevel[(int)l]),
                h.Tactics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value)))
            .ToList(),
        ByTactic = _tactics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value),
        FirstDetection = _first,
        LastDetection = _last,
    };

    private sealed class RuleAccumulator(string title, string id, HuntLevel level, string author)
    {
        public string Title { get; } = title;

        public string Id { get; } = id;

        public HuntLevel Level { get; } = level;

        public string Author { get; } = author;

        public long Count { get; set; }
    }

    private sealed class HostAccumulator(string computer, DateTime time)
    {
        public string Computer { get; } = computer;

        public long Count { get; private set; }

        public DateTime First { get; private set; } = time;

        public DateTime Last { get; private set; } = time;

        public long[] ByLevel { get; } = new long[5];

        public Dictionary<string, long> Tactics { get; } = new(StringComparer.Ordinal);

        public void Add(HuntDetection detection)
        {
            Count++;
            ByLevel[(int)detection.Level]++;
            if (detection.Timestamp < First)
            {
                First = detection.Timestamp;
            }

            if (detection.Timestamp > Last)
            {
                Last = detection.Timestamp;
            }

            foreach (var tactic in detection.Tactics)
            {
                Tactics[tactic] = Tactics.GetValueOrDefault(tactic) + 1;
            }
        }
    }
}
