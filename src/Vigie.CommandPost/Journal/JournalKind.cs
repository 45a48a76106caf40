namespace Vigie.CommandPost.Journal;

/// <summary>What a journal entry records. Wire names: fait, decision, action, communication, note.</summary>
public enum JournalKind
{
    Fait,
    Decision,
    Action,
    Communication,
    Note,
}
