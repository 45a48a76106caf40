namespace Vigie.Hunt.Tests;

/// <summary>Keeps every row and the summary in memory.</summary>
internal sealed class ListSink : IHuntSink
{
    public List<HuntDetection> Rows { get; } = [];

    public HuntSummary? Summary { get; private set; }

    public void Write(HuntDetection detection) => Rows.Add(detection);

    public void Complete(HuntSummary summary) => Summary = summary;
}
