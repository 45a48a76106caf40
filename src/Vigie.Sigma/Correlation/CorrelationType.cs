namespace Vigie.Sigma.Correlation;

/// <summary>The <c>type</c> of a correlation rule.</summary>
internal enum CorrelationType
{
    EventCount,
    ValueCount,
    Temporal,
    TemporalOrdered,
    ValueSum,
    ValueAvg,
    ValuePercentile,
}
