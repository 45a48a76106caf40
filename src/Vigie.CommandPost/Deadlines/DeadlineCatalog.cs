namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// The deadline rules in force: the shipped file merged with the hospital's own (when present and valid).
/// <paramref name="Warning"/> says why the hospital's file is not used, when it is not.
/// </summary>
public sealed record DeadlineCatalog(
    IReadOnlyList<StartEvent> Events,
    IReadOnlyList<ApplicabilityQuestion> Questions,
    IReadOnlyList<DeadlineRule> Rules,
    string Origin,
    string? Warning = null)
{
    public DeadlineRule? Rule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    public StartEvent? Event(string id) => Events.FirstOrDefault(e => e.Id == id);

    public ApplicabilityQuestion? Question(string id) => Questions.FirstOrDefault(q => q.Id == id);
}
