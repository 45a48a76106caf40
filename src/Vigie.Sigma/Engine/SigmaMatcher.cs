using Vigie.Sigma.Detection;

namespace Vigie.Sigma;

/// <summary>
/// Matches events against a <see cref="SigmaRuleSet"/>. Holds per-thread scratch state: create one per
/// thread (<see cref="SigmaRuleSet.CreateMatcher"/>); the rule set itself is immutable and shared.
/// </summary>
public sealed class SigmaMatcher
{
    private readonly SigmaRuleSet _rules;
    private readonly EvalContext _context;
    private readonly Engine.MatcherScratch _scratch = new();

    internal SigmaMatcher(SigmaRuleSet rules, SigmaRegexBudget? budget)
    {
        _rules = rules;
        _context = new EvalContext { Budget = budget };
    }

    /// <summary>Regex matches that ran past the timeout on this matcher (each counted as no match).</summary>
    public long RegexTimeouts => _context.RegexTimeouts;

    /// <summary>Rule variants evaluated so far (after index and prefilter), for diagnostics.</summary>
    public long VariantsEvaluated => _context.Evaluated;

    /// <summary>The last rule whose regex timed out, if any.</summary>
    public SigmaRule? LastTimedOutRule => _context.LastTimedOutRule;

    /// <summary>Adds to <paramref name="matches"/> every detection rule that matches the event; returns how many were added.</summary>
    public int Match(ISigmaEvent ev, List<SigmaMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(matches);
        var before = matches.Count;
        var fields = _rules.FieldTable;
        // The log the event was written to chooses its rules, whatever its data says under the name Channel.
        var hasChannel = ev.GetLogChannel(out var channel) is SigmaValueKind.Value or SigmaValueKind.MoreValues;
        ev.GetValue(fields.EventId, 0, out var eventId);
        var bucket = _rules.Index.Find(channel, eventId, hasChannel);
        _context.Event = ev;
        try
        {
            bucket.Evaluate(_context, _scratch, matches);
        }
        finally
        {
            _context.Event = null!;
            _context.CurrentRule = null;
            _context.CurrentRuleTimedOut = false;
        }

        return matches.Count - before;
    }

    /// <summary>The rules that match the event (allocates; prefer the overload with a list in loops).</summary>
    public IReadOnlyList<SigmaMatch> Match(ISigmaEvent ev)
    {
        var list = new List<SigmaMatch>();
        Match(ev, list);
        return list;
    }
}
