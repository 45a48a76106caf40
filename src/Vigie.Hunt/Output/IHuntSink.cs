namespace Vigie.Hunt;

/// <summary>Where the timeline goes: rows in time order, then the summary once everything is read.</summary>
public interface IHuntSink
{
    /// <summary>One row (time order).</summary>
    void Write(HuntDetection detection);

    /// <summary>The end: every row was written; flush and finish the output.</summary>
    void Complete(HuntSummary summary);
}
