namespace Vigie.CommandPost.Reports;

/// <summary>How a line reads: normal, good (met, done), warning (late, to confirm), bad (missed, broken).</summary>
public enum ReportTone
{
    Normal,
    Good,
    Warning,
    Bad,
}
