using System.Diagnostics;

namespace Vigie.Sigma;

/// <summary>
/// How much time the backtracking regular expressions of each rule may take in one run, shared by the
/// matchers of every thread (<see cref="SigmaRuleSet.CreateMatcher(SigmaRegexBudget?)"/>). A pattern that the
/// linear engine cannot run (lookaround, backreference) runs on the backtracking engine with a timeout per
/// value; a hostile one times out on every event. A rule that spends more than <see cref="PerRule"/> is
/// disabled for the rest of the run (its items are no longer evaluated) and listed in <see cref="Disabled"/>.
/// </summary>
public sealed class SigmaRegexBudget
{
    private readonly long[] _ticks;
    private readonly long[] _timeouts;
    private readonly int[] _disabled;
    private readonly long _limit;
    private readonly Lock _gate = new();
    private readonly List<SigmaDisabledRule> _list = [];

    /// <summary>A budget of <paramref name="perRule"/> of regular expression time for each rule of <paramref name="rules"/>.</summary>
    public SigmaRegexBudget(SigmaRuleSet rules, TimeSpan perRule)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perRule, TimeSpan.Zero);
        PerRule = perRule;
        _limit = (long)(perRule.TotalSeconds * Stopwatch.Frequency);
        _ticks = new long[rules.Rules.Count];
        _timeouts = new long[rules.Rules.Count];
        _disabled = new int[rules.Rules.Count];
    }

    /// <summary>The regular expression time each rule may spend in one run.</summary>
    public TimeSpan PerRule { get; }

    /// <summary>The rules disabled so far, in the order they were disabled.</summary>
    public IReadOnlyList<SigmaDisabledRule> Disabled
    {
        get
        {
            lock (_gate)
            {
                return [.. _list];
            }
        }
    }

    internal bool IsDisabled(int rule) => (uint)rule < (uint)_disabled.Length && Volatile.Read(ref _disabled[rule]) != 0;

    /// <summary>Counts <paramref name="ticks"/> (Stopwatch) of regular expression time against the rule; disables it past the budget.</summary>
    internal void Spend(SigmaRule rule, long ticks, bool timedOut)
    {
        var index = rule.Index;
        if ((uint)index >= (uint)_ticks.Length)
        {
            return;
        }

        if (timedOut)
        {
            Interlocked.Increment(ref _timeouts[index]);
        }

        if (Interlocked.Add(ref _ticks[index], ticks) > _limit && Interlocked.Exchange(ref _disabled[index], 1) == 0)
        {
            lock (_gate)
            {
                _list.Add(new SigmaDisabledRule(rule, TimeSpan.FromSeconds((double)Volatile.Read(ref _ticks[index]) / Stopwatch.Frequency),
                    Volatile.Read(ref _timeouts[index])));
            }
        }
    }
}
