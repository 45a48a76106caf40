namespace Vigie.Sigma;

/// <summary>What an event holds for a field, as told by <see cref="ISigmaEvent.GetValue"/>.</summary>
public enum SigmaValueKind
{
    /// <summary>The field is not in the event (or there is no value at that index).</summary>
    Absent = 0,

    /// <summary>The field is in the event but has no value (a JSON <c>null</c>, an EVTX NullType value).</summary>
    Null = 1,

    /// <summary>The field has this value (possibly empty) and it is its only or last value.</summary>
    Value = 2,

    /// <summary>The field has this value and more: ask again with the next index until <see cref="Absent"/>.</summary>
    MoreValues = 3,
}
