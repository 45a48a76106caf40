namespace Vigie.CommandPost.Deadlines;

/// <summary>What starts a deadline's clock. <paramref name="SentDeadlineId"/> is set for <see cref="StartEventKind.Sent"/>.</summary>
public sealed record StartEvent(string Id, string Label, string LabelEn, StartEventKind Kind, string? SentDeadlineId, string? Help, string? HelpEn)
{
    public string LabelFor(bool english) => english ? LabelEn : Label;
}
