namespace Vigie.CommandPost.Journal;

/// <summary>
/// What a journal entry records. Wire names: fait, decision, action, communication, note, stimulus (written by the
/// exercise clock when a stimulus of an exercise is delivered; never by a person).
/// </summary>
public enum JournalKind
{
    Fait,
    Decision,
    Action,
    Communication,
    Note,
    Stimulus,
}
