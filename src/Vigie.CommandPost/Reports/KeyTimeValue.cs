namespace Vigie.CommandPost.Reports;

/// <summary>
/// A key time as the report uses it: set by the cell (<paramref name="SetBy"/>), or deduced (<paramref name="Source"/>
/// says from what), or unknown (<paramref name="At"/> null). <paramref name="Deduced"/> is what Vigie would use without the cell's setting.
/// <paramref name="JournalSeq"/> is the journal entry that recorded the cell's setting (a correction is a new entry; the report names it).
/// </summary>
public sealed record KeyTimeValue(KeyTime Key, DateTimeOffset? At, string? Source, string? SetBy, DateTimeOffset? Deduced, string? DeducedSource, long? JournalSeq = null);
