namespace Vigie.CommandPost.Checklists;

/// <summary>One point of an applied checklist; checked with who and when (and the journal entry that says so).</summary>
public sealed record ChecklistItem(
    long Id,
    int Position,
    string Key,
    string? Section,
    string? SectionEn,
    string Text,
    string TextEn,
    string? Hint,
    string? HintEn,
    DateTimeOffset? CheckedAt,
    string? CheckedBy,
    string? Note,
    long? JournalSeq)
{
    public bool Checked => CheckedAt is not null;

    public string TextFor(bool english) => english ? TextEn : Text;

    public string? SectionFor(bool english) => english ? SectionEn : Section;

    public string? HintFor(bool english) => english ? HintEn : Hint;
}
