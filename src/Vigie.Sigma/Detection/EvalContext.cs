namespace Vigie.Sigma.Detection;

/// <summary>Per-thread state while one event is evaluated: the event and what went wrong on the way.</summary>
internal sealed class EvalContext
{
    public ISigmaEvent Event { get; set; } = null!;

    /// <summary>Regex matches that hit their timeout (counted as no match).</summary>
    public long RegexTimeouts { get; set; }

    /// <summary>The last rule whose regex timed out, for the report.</summary>
    public SigmaRule? LastTimedOutRule { get; set; }

    public SigmaRule? CurrentRule { get; set; }

    /// <summary>A regular expression of the current rule timed out on this event: its others count as no match.</summary>
    public bool CurrentRuleTimedOut { get; set; }

    /// <summary>The run's regular expression budget, shared by every thread's matcher (null: per-value timeouts only).</summary>
    public SigmaRegexBudget? Budget { get; init; }

    /// <summary>Rule variants evaluated so far (prefilter diagnostics).</summary>
    public long Evaluated { get; set; }
}
