using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Situation;

/// <summary>
/// A legal deadline as it stood when the point was taken. <paramref name="SentAfterStartMinutes"/>: for a "without
/// delay" notification that was sent, how long after its start; <paramref name="StartAssumed"/>: counted from the
/// detection because the awareness time was not given yet.
/// </summary>
public sealed record SituationDeadline(string Id, string Name, string NameEn, string Authority, string AuthorityEn, DeadlineStatus Status, Applicability Applicability,
    bool WithoutDelay, DateTimeOffset? DueAt, bool StartAssumed, DateTimeOffset? SentAt, string? Reference, long? SentAfterStartMinutes);
