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

    /// <summary>Rule variants evaluated so far (prefilter diagnostics).</summary>
    public long Evaluated { get; set; }
}
