using System.Globalization;
using Vigie.Sigma.Correlation;

namespace Vigie.Sigma;

/// <summary>
/// Applies correlation rules over a time-ordered stream: feed it each event's detection matches with the
/// event's time (in order); it returns the correlations that fire. Memory is bounded by the timespans:
/// per group it keeps only the matches inside the window, and drops idle groups. One per stream; not
/// thread-safe.
/// </summary>
/// <remarks>
/// A correlation whose condition has a lower bound (gt, gte, eq, or none for temporal ones), and any
/// value_percentile one, is judged at each match and fires as soon as it holds; one with only upper bounds (lt, lte, neq) is judged when its window closes (the first
/// match of the window falls out of the timespan) or at <see cref="Flush"/>. After firing, the group
/// starts afresh. <c>value_percentile</c> measures how common the current value is in the window, in
/// percent of the group's matches (1 means: seen in at most 1% of them).
/// </remarks>
public sealed class SigmaCorrelator
{
    private const int SweepEvery = 4096;

    private readonly Dictionary<SigmaRule, List<(CorrelationRule Rule, int Input)>> _consumers = [];
    private readonly Dictionary<CorrelationRule, Dictionary<string, Group>> _groups = [];
    private int _sinceSweep;
    private long _lastTicks;

    internal SigmaCorrelator(SigmaRuleSet rules)
    {
        foreach (var correlation in rules.CorrelationRules)
        {
            _groups[correlation] = new Dictionary<string, Group>(StringComparer.Ordinal);
            for (var i = 0; i < correlation.Inputs.Count; i++)
            {
                var rule = correlation.Inputs[i].Rule;
                if (!_consumers.TryGetValue(rule, out var list))
                {
                    _consumers[rule] = list = [];
                }

                list.Add((correlation, i));
            }
        }
    }

    /// <summary>Groups currently held in memory.</summary>
    public int TrackedGroups => _groups.Values.Sum(g => g.Count);

    /// <summary>Feeds one event's matches; adds fired correlations to <paramref name="output"/>; returns how many.</summary>
    public int Process(ISigmaEvent ev, DateTimeOffset time, IReadOnlyList<SigmaMatch> matches, List<SigmaCorrelationMatch> output)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(output);
        var before = output.Count;
        var ticks = time.UtcTicks;
        _lastTicks = Math.Max(_lastTicks, ticks);
        foreach (var match in matches)
        {
            if (!_consumers.TryGetValue(match.Rule, out var consumers))
            {
                continue;
            }

            foreach (var (rule, input) in consumers)
            {
                var spec = rule.Inputs[input];
                var values = new string[spec.GroupFields.Count];
                var complete = true;
                for (var g = 0; g < values.Length && complete; g++)
                {
                    complete = ev.GetValue(spec.GroupFields[g], 0, out var v) is SigmaValueKind.Value or SigmaValueKind.MoreValues;
                    values[g] = v.ToString();
                }

                string? value = null;
                if (spec.ValueField is { } valueField && ev.GetValue(valueField, 0, out var vv) is SigmaValueKind.Value or SigmaValueKind.MoreValues)
                {
                    value = vv.ToString();
                }

                if (complete)
                {
                    Feed(rule, input, ticks, values, value, output);
                }
            }
        }

        if (++_sinceSweep >= SweepEvery)
        {
            _sinceSweep = 0;
            Sweep(_lastTicks, output);
        }

        return output.Count - before;
    }

    /// <summary>End of stream: judges the open windows of upper-bound conditions and forgets everything.</summary>
    public int Flush(List<SigmaCorrelationMatch> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var before = output.Count;
        foreach (var (rule, groups) in _groups)
        {
            foreach (var group in groups.Values)
            {
                if (!rule.FiresEarly && group.Entries.Count > 0)
                {
                    Judge(rule, group, null, output);
                }
            }

            groups.Clear();
        }

        return output.Count - before;
    }

    private void Feed(CorrelationRule rule, int input, long ticks, string[] values, string? value, List<SigmaCorrelationMatch> output)
    {
        var key = string.Join('\u001F', values);
        var groups = _groups[rule];
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group(values);
        }

        Expire(rule, group, ticks, output);
        group.Entries.Add(new Entry(ticks, input, value));
        if (rule.FiresEarly)
        {
            Judge(rule, group, value, output);
        }
    }

    private void Expire(CorrelationRule rule, Group group, long now, List<SigmaCorrelationMatch> output)
    {
        var limit = now - rule.Timespan.Ticks;
        if (group.Entries.Count == 0 || group.Entries[0].Ticks >= limit)
        {
            return;
        }

        if (!rule.FiresEarly)
        {
            // The window that began with the oldest match is closed: judge it, then start afresh.
            var end = group.Entries[0].Ticks + rule.Timespan.Ticks;
            var inWindow = group.Entries.TakeWhile(e => e.Ticks <= end).ToList();
            var rest = group.Entries.Skip(inWindow.Count).ToList();
            group.Entries.Clear();
            group.Entries.AddRange(inWindow);
            Judge(rule, group, null, output);
            group.Entries.Clear();
            group.Entries.AddRange(rest.Where(e => e.Ticks >= limit));
            return;
        }

        var drop = 0;
        while (drop < group.Entries.Count && group.Entries[drop].Ticks < limit)
        {
            drop++;
        }

        group.Entries.RemoveRange(0, drop);
    }

    private void Judge(CorrelationRule rule, Group group, string? current, List<SigmaCorrelationMatch> output)
    {
        var entries = group.Entries;
        if (entries.Count == 0)
        {
            return;
        }

        double measure;
        bool fires;
        switch (rule.Type)
        {
            case CorrelationType.EventCount:
                measure = entries.Count;
                fires = rule.Holds(measure);
                break;
            case CorrelationType.ValueCount:
                measure = entries.Where(e => e.Value is not null).Select(e => e.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count();
                fires = rule.Holds(measure);
                break;
            case CorrelationType.ValueSum or CorrelationType.ValueAvg:
                {
                    var numbers = entries.Select(e => e.Value is not null && double.TryParse(e.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
                        .Where(d => !double.IsNaN(d)).ToList();
                    measure = numbers.Count == 0 ? 0 : rule.Type == CorrelationType.ValueSum ? numbers.Sum() : numbers.Average();
                    fires = numbers.Count > 0 && rule.Holds(measure);
                    break;
                }

            case CorrelationType.ValuePercentile:
                {
                    var value = current ?? entries[^1].Value;
                    var total = entries.Count(e => e.Value is not null);
                    measure = value is null || total == 0 ? 100 : 100.0 * entries.Count(e => string.Equals(e.Value, value, StringComparison.OrdinalIgnoreCase)) / total;
                    fires = value is not null && rule.Holds(measure);
                    break;
                }

            case CorrelationType.Temporal:
                measure = entries.Select(e => e.Input).Distinct().Count();
                fires = rule.Condition.Count == 0 ? measure == rule.Inputs.Count : rule.Holds(measure);
                break;
            default: // temporal_ordered: the inputs appear in their order (as a subsequence) within the window
                {
                    var next = 0;
                    foreach (var e in entries)
                    {
                        if (next < rule.Inputs.Count && e.Input == next)
                        {
                            next++;
                        }
                    }

                    measure = next;
                    fires = next == rule.Inputs.Count && (rule.Condition.Count == 0 || rule.Holds(entries.Select(e => e.Input).Distinct().Count()));
                    break;
                }
        }

        if (!fires)
        {
            return;
        }

        var groupValues = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rule.GroupBy.Count; i++)
        {
            groupValues[rule.GroupBy[i]] = group.Values[i];
        }

        var match = new SigmaCorrelationMatch(rule.Rule, groupValues,
            new DateTimeOffset(entries[0].Ticks, TimeSpan.Zero), new DateTimeOffset(entries[^1].Ticks, TimeSpan.Zero), measure, entries.Count);
        entries.Clear();
        output.Add(match);
        Chain(match, output);
    }

    /// <summary>A correlation that fired is itself a match for correlations that name it.</summary>
    private void Chain(SigmaCorrelationMatch match, List<SigmaCorrelationMatch> output)
    {
        if (!_consumers.TryGetValue(match.Rule, out var consumers))
        {
            return;
        }

        foreach (var (rule, input) in consumers)
        {
            var spec = rule.Inputs[input];
            var values = new string[spec.GroupFields.Count];
            var complete = true;
            for (var g = 0; g < values.Length && complete; g++)
            {
                complete = match.Group.TryGetValue(spec.GroupFields[g].Name, out values[g]!) ||
                           match.Group.TryGetValue(rule.GroupBy[g], out values[g]!);
            }

            if (complete)
            {
                Feed(rule, input, match.Last.UtcTicks, values, match.Value.ToString(CultureInfo.InvariantCulture), output);
            }
        }
    }

    private void Sweep(long now, List<SigmaCorrelationMatch> output)
    {
        foreach (var (rule, groups) in _groups)
        {
            List<string>? empty = null;
            foreach (var (key, group) in groups)
            {
                Expire(rule, group, now, output);
                if (group.Entries.Count == 0)
                {
                    (empty ??= []).Add(key);
                }
            }

            if (empty is not null)
            {
                foreach (var key in empty)
                {
                    groups.Remove(key);
                }
            }
        }
    }

    private sealed class Group(string[] values)
    {
        public string[] Values { get; } = values;

        public List<Entry> Entries { get; } = [];
    }

    private readonly record struct Entry(long Ticks, int Input, string? Value);
}
