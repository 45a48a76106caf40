namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// One notification the hospital owes: to whom, on what legal basis, how long after which start event, when to
/// remind, under which conditions (questions answered yes), and a French draft with placeholders.
/// </summary>
public sealed record DeadlineRule(
    string Id,
    string Name,
    string NameEn,
    string Authority,
    string AuthorityEn,
    string LegalBasis,
    string StartEventId,
    DeadlineOffset Offset,
    IReadOnlyList<DeadlineOffset> Reminders,
    IReadOnlyList<string> AppliesWhen,
    string? Form,
    string Draft)
{
    public string NameFor(bool english) => english ? NameEn : Name;

    public string AuthorityFor(bool english) => english ? AuthorityEn : Authority;

    /// <summary>"Without delay": the offset is zero, so it is owed as soon as its start event has happened.</summary>
    public bool WithoutDelay => Offset.IsZero;
}
